// iac-missing-dlq for an SST v3 dead-letter queue nothing alarms on: `new sst.aws.Queue('JobsDlq')` that
// another queue names as its `dlq` (or whose name says it is one) fills up silently unless a CloudWatch
// alarm watches THAT queue and tells someone. SST v3 builds no alarm of its own; the app writes a Pulumi
// `aws.cloudwatch.MetricAlarm` (or `aws.cloudwatch.Alarm`), often in another module of the app, with
// `dimensions: { QueueName: dlq.nodes.queue.name }` and `alarmActions: [topic.arn]`. An alarm counts when it
// tells someone (sstV3AppAlarms.ts) and names the queue: by its variable in this module; by the local name
// another module imports it under from this one; by its literal name anywhere in the app; or when this
// module passes the queue to a project function whose module builds such an alarm (`alarmOnDlq(name, dlq)`).
// A queue only named for one, kept as the Lambda DLQ of functions SQS polls, never fills (sstV3PolledDlqs.ts).
import { escapeRegExp } from '../../escapeRegExp.js';
import { type Node, stringValue, unwrap } from '../ast.js';
import { relativeImportFiles } from '../importedFiles.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { passes } from './cdkHandedDlqs.js';
import type { Report, Rule } from './Report.js';
import { type AppModule, appAlarmModules, signallingAlarms } from './sstV3AppAlarms.js';
import { onlyPolledFunctionsDlq } from './sstV3PolledDlqs.js';
import { deadLetterName } from './sstV3QueueDlq.js';
import { sstV3QueueKind } from './sstV3Subscriptions.js';

const IMPORT =
  /\bimport\s+(?:type\s+)?(?:[\w$]+\s*,\s*)?(?:\{([^}]*)\}|\*\s+as\s+([\w$]+))\s*from\s*['"](\.[^'"]+)['"]/g;

/** A word-bounded pattern for a name written as code. */
const word = (n: string) => new RegExp(`(?<![\\w$.])${escapeRegExp(n)}(?![\\w$])`);

/** The names `variable` is exported under by this module (`export const dlq`, `export { dlq as jobsDlq }`). */
function exportedNames(ctx: ModuleContext, variable: string): string[] {
  const names = ctx.exports.has(variable) ? [variable] : [];
  for (const m of ctx.source.matchAll(/\bexport\s*\{([^}]*)\}/g))
    for (const part of (m[1] ?? '').split(',')) {
      const [local, as] = part.trim().split(/\s+as\s+/);
      if (local === variable) names.push(as ?? local);
    }
  return [...new Set(names)];
}

/** The local names (`exportsDlq`, `q.exportsDlq`) the module `other` imports `exported` under from ctx.file. */
function importedAs(ctx: ModuleContext, other: AppModule, exported: readonly string[]): string[] {
  const locals: string[] = [];
  for (const m of other.text.matchAll(IMPORT)) {
    if (!relativeImportFiles(other.file, m[3] ?? '').includes(ctx.file)) continue;
    if (m[2] !== undefined) for (const e of exported) locals.push(`${m[2]}.${e}`);
    for (const part of (m[1] ?? '').split(',')) {
      const [name, as] = part.trim().split(/\s+as\s+/);
      if (name !== undefined && exported.includes(name)) locals.push(as ?? name);
    }
  }
  return locals;
}

/** Does this module pass the queue to a project function whose module builds an alarm telling someone? */
function handedToAlarmHelper(ctx: ModuleContext, variable: string): boolean {
  return [...ctx.of('CallExpression'), ...ctx.of('NewExpression')].some((call) => {
    const root = ctx.importRoot(call.callee as Node);
    if (root === undefined || !root.source.startsWith('.') || !isProjectSource(root.source)) return false;
    if (!(call.arguments as Node[]).some((arg) => passes(unwrap(arg), variable))) return false;
    const files = relativeImportFiles(ctx.file, root.source);
    return appAlarmModules(ctx.file, ctx.root).some((m) => files.includes(m.file));
  });
}

/** Is the queue kept in `variable` (literal name `name`) alarmed, telling someone, by the app? */
function alarmed(ctx: ModuleContext, variable: string, name: string): boolean {
  const literal = name === '' ? undefined : new RegExp(`['"\`]${escapeRegExp(name)}['"\`]`);
  const here = [word(variable), ...(literal ? [literal] : [])];
  if (signallingAlarms(ctx.source).some((a) => here.some((w) => w.test(a)))) return true;
  const exported = exportedNames(ctx, variable);
  const others = appAlarmModules(ctx.file, ctx.root).filter((m) => m.file !== ctx.file);
  if (
    others.some((m) => {
      const words = [...importedAs(ctx, m, exported).map(word), ...(literal ? [literal] : [])];
      return words.length > 0 && m.alarms.some((a) => words.some((w) => w.test(a)));
    })
  )
    return true;
  return handedToAlarmHelper(ctx, variable);
}

/**
 * Reports each SST v3 dead-letter queue the module builds that no alarm of the app watches and sends on.
 * @example
 * sstV3DlqAlarmRules(ctx, report) // at `const dlq = new sst.aws.Queue('JobsDlq')` when `dlq: dlq.arn` and no MetricAlarm names `dlq`
 */
export const sstV3DlqAlarmRules: Rule = (ctx: ModuleContext, report: Report) => {
  if (!ctx.spells('sst')) return;
  for (const queue of ctx.of('NewExpression')) {
    const decl = ctx.parentOf(queue);
    const id = decl?.type === 'VariableDeclarator' ? (decl.id as Node) : undefined;
    if (id?.type !== 'Identifier') continue;
    const kind = sstV3QueueKind(ctx, queue, id.name as string);
    const name = stringValue(ctx.valueOf((queue.arguments as Node[])[0])) ?? '';
    if (kind === undefined || (kind !== 'dlq' && !deadLetterName(name))) continue;
    // Only polled functions' own DLQ: Lambda never writes there (sstV3PolledDlqs.ts).
    if (kind !== 'dlq' && onlyPolledFunctionsDlq(ctx, id.name as string, id)) continue;
    if (alarmed(ctx, id.name as string, name)) continue;
    report(
      'iac-missing-dlq',
      queue,
      `SST Queue ${name || id.name} is a dead-letter queue no alarm watches: failed messages pile up unnoticed`,
    );
  }
};
