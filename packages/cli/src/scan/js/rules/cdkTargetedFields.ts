// iac-missing-dlq for a function a project construct keeps in a field (`this.fn = new NodejsFunction(...)` in
// its constructor) that a stack elsewhere makes an EventBridge rule's target (`new targets.LambdaFunction(
// collector.fn, { deadLetterQueue })` with `collector = new Collector(this, id)`). The target's module cannot
// see the function's props and the construct's module cannot see the rule, so each records its half: the
// stack a route to `Collector.fn`, the construct a candidate at its function, kept by the project pass only
// where such a route exists. The fix (a DLQ or onFailure on the function) goes where it is built. A field
// the construct does not build as a function it can read (a library helper's, one from its props) stays
// with the target: its candidate there is dropped only when the construct's module builds the field.
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { constructorClass } from './cdkApiProps.js';
import { projectConstruct } from './cdkFieldRoutes.js';
import { asyncInvokeConfigured, functionConstruct, functionHasAsyncDlq } from './cdkHandlers.js';
import { openProps } from './cdkPassedProps.js';
import type { Report } from './Report.js';

/**
 * For a target function `owner.field` whose `owner` is built here from a project construct another module
 * declares: records the route (unless the rule is a schedule) and answers the field, for the target's own
 * candidate to be dropped when that module builds the function and so judges it.
 * @example
 * noteTargetedField(ctx, fnExpr, () => false) // `LambdaFunction(collector.fn)` -> { owner: Collector, field: 'fn' }
 */
export function noteTargetedField(
  ctx: ModuleContext,
  fnExpr: Node,
  schedule: () => boolean,
): { owner: ImportRef; field: string } | undefined {
  const n = unwrap(fnExpr);
  const path = memberPath(n);
  if (n?.type !== 'MemberExpression' || path?.length !== 2 || path[0] === 'this') return undefined;
  const built = ctx.valueOf(unwrap(n.object as Node));
  if (built === undefined || !projectConstruct(ctx, built)) return undefined;
  const owner = importRefOf(ctx, built.callee as Node);
  const field = propertyName(n.property as Node, n.computed as boolean);
  if (owner === undefined || !owner.source.startsWith('.') || field === undefined) return undefined;
  // A schedule's next run is its retry: no route, and the owner's candidate stays unmatched.
  if (!schedule()) ctx.fieldRoutes.push({ owner, field, asyncTarget: true });
  return { owner, field };
}

/**
 * Reports each function an exported construct keeps in a field with no DLQ or onFailure destination (its
 * props read in full, no `configureAsyncInvoke`/`EventInvokeConfig` with onFailure for it here), kept by the
 * project pass only where some module makes that field an EventBridge rule's Lambda target.
 */
export function targetedFieldFunctions(ctx: ModuleContext, report: Report): void {
  if (!/Function\s*\(/.test(ctx.source)) return;
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    if (e?.type !== 'AssignmentExpression') continue;
    const path = memberPath(e.left as Node);
    if (path?.length !== 2 || path[0] !== 'this') continue;
    const fn = functionConstruct(ctx, e.right as Node);
    const cls = fn === undefined ? undefined : constructorClass(ctx, fn.node);
    if (fn === undefined || cls === undefined) continue;
    const exports = [...ctx.exports].filter(([, v]) => unwrap(v) === cls).map(([name]) => name);
    const open = openProps(ctx, (fn.node.arguments as Node[])[2]);
    if (exports.length === 0 || open === undefined || open.unknown || open.fromCaller.length > 0) continue;
    ctx.builtFunctionFields.push({ exports, field: path[1] as string });
    if (functionHasAsyncDlq({ props: open.props, spread: false })) continue;
    if (asyncInvokeConfigured(ctx, path.join('.'))) continue;
    report(
      'iac-missing-dlq',
      fn.node,
      `function kept in this.${path[1]} is an EventBridge rule's Lambda target elsewhere and has no deadLetterQueue or onFailure destination: events whose run still fails after Lambda's retries are dropped (the target's deadLetterQueue keeps only events EventBridge could not deliver)`,
      { onlyIfFieldTargeted: { exports, field: path[1] as string } },
    );
  }
}
