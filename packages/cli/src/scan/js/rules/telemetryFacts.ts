// Telemetry a try may send and a catch may give up on: a metric, a usage ping, a CloudWatch log write.
// Losing one data point after the real work is the intended outcome, so the swallowed-error rules ask here
// before they report a catch around it.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const TELEMETRY = /metric|telemetry|analytic|usage|track/i;

/** A function named for best-effort telemetry (`sendMetric`, `trackUsage`). */
export function telemetryName(name: unknown): boolean {
  return typeof name === 'string' && TELEMETRY.test(name) && !READS_METRICS.test(name);
}

/** Reading metrics is not sending them: `getMetricData` feeds the work (a quota check, a scaling decision). */
const READS_METRICS = /^(get|list|describe|query|fetch|read|load|search)[A-Z_]/;

/** The node sits in a function named for telemetry (`sendMetric`, `sendAnonymizedMetric`). */
export function inTelemetryFunction(ctx: ModuleContext, node: Node): boolean {
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined) return false;
  const parent = ctx.parentOf(fn);
  const name =
    fn.id?.name ??
    (parent?.type === 'VariableDeclarator' ||
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'Property'
      ? (parent.id ?? parent.key)?.name
      : undefined);
  return telemetryName(name);
}

/**
 * Every awaited call of the try block sends telemetry (`await sendAnonymizedMetric(...)`): losing one data
 * point after the real work is the intended outcome, not a lost message.
 */
export function onlyTelemetry(block: Node): boolean {
  return everyAwaitedCall(block, (call) => (memberPath(call.callee) ?? []).some((p) => telemetryName(p)));
}

/**
 * Whether the block awaits at least one call and every awaited call passes `test` (nested functions'
 * awaits included, as the try waits for them too).
 *
 * @example
 * everyAwaitedCall(block, (call) => calleeName(call) === 'send') // try { await client.send(c) } -> true
 */
export function everyAwaitedCall(block: Node, test: (call: Node) => boolean): boolean {
  let calls = 0;
  let passed = 0;
  someDescendant(
    block,
    (n) => {
      if (n.type !== 'AwaitExpression') return false;
      const arg = unwrap(n.argument);
      if (arg?.type !== 'CallExpression') return false;
      calls++;
      if (test(arg)) passed++;
      return false;
    },
    true,
  );
  return calls > 0 && calls === passed;
}

/**
 * A metric or log sent through the SDK: `send(new PutMetricDataCommand(...))`, v2 `putMetricData(...)`;
 * also the CloudWatch Logs calls that make the stream `PutLogEvents` writes to (`CreateLogStream`,
 * `CreateLogGroup`), whose usual failure is the documented ResourceAlreadyExistsException.
 */
export const TELEMETRY_CALL = /^(putMetricData|putLogEvents|createLogStream|createLogGroup)$/;
/** What a catch's log line or comment says it gave up on: a metric, telemetry, analytics. */
const CATCH_SAYS_TELEMETRY = /\bmetrics?\b|telemetry|analytics/i;
const TELEMETRY_COMMAND = /\bnew\s+(PutMetricData|PutLogEvents|CreateLogStream|CreateLogGroup)Command\b/;
/** A module that exists to send telemetry: `lib/metrics/index.js`, `src/telemetry.ts`. */
const TELEMETRY_MODULE =
  /(^|\/)(metrics?|telemetry|analytics|usage-?metrics?)(\/index)?\.[cm]?[jt]sx?$|\/(metrics?|telemetry|analytics)\/[^/]+$/;

/**
 * Best-effort telemetry around a try: every awaited call sends it (named for it, or a metric/log sent
 * through the SDK), the module exists to send it, or the catch itself says so (`console.error('Failed to
 * send metric:', err)`, a comment about metrics). Losing one data point is the intended outcome.
 *
 * @example
 * bestEffortTelemetry(ctx, tryStatement) // try { await cw.send(new PutMetricDataCommand(...)) } catch { log } -> true
 */
export function bestEffortTelemetry(ctx: ModuleContext, tryStatement: Node): boolean {
  if (onlyTelemetry(tryStatement.block) || TELEMETRY_MODULE.test(ctx.file)) return true;
  const sendsTelemetry = everyAwaitedCall(tryStatement.block as Node, (call) => {
    const name = calleeName(call) ?? '';
    const inner = unwrap(unwrap(call.callee)?.object);
    return (
      TELEMETRY_COMMAND.test(ctx.source.slice(call.start, call.end)) ||
      TELEMETRY_CALL.test(name) ||
      (name === 'promise' && inner?.type === 'CallExpression' && TELEMETRY_CALL.test(calleeName(inner) ?? ''))
    );
  });
  if (sendsTelemetry) return true;
  // What the catch says (its strings), not what its code names: `metrics.addMetric(...)` counting the
  // failure is no word that the work was only a metric.
  const handler = tryStatement.handler as Node | null;
  return (
    handler != null &&
    someDescendant(
      handler,
      (n) =>
        (n.type === 'Literal' && typeof n.value === 'string' && CATCH_SAYS_TELEMETRY.test(n.value)) ||
        (n.type === 'TemplateElement' && CATCH_SAYS_TELEMETRY.test(String(n.value?.raw ?? ''))),
    )
  );
}
