// iac-missing-dlq for an SST v3 dead-letter queue nothing alarms on: `new sst.aws.Queue('JobsDlq')` that
// another queue names as its `dlq` (or whose name says it is one) fills up silently unless a CloudWatch
// alarm watches THAT queue and tells someone. SST v3 builds no alarm of its own; the app writes a Pulumi
// `aws.cloudwatch.MetricAlarm` (or `aws.cloudwatch.Alarm`), often in another module of the app, with
// `dimensions: { QueueName: dlq.nodes.queue.name }` and `alarmActions: [topic.arn]`. An alarm counts when its
// arguments name the queue (its variable, the name it is exported under, or its literal name) and it tells
// someone (`alarmActions` not empty, or red on the first dead letter). The app's modules read are this module's folder and its
// parent (`infra/*.ts` and `sst.config.ts`), as for CDK's neighbouring alarms (cdkHandedDlqs.ts).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { escapeRegExp } from '../../escapeRegExp.js';
import { readSource } from '../../readSource.js';
import { type Node, stringValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';
import { deadLetterName } from './sstV3QueueDlq.js';
import { sstV3QueueKind } from './sstV3Subscriptions.js';

const ALARM = /\bnew\s+[\w.]*(?:MetricAlarm|cloudwatch\.Alarm)\s*\(/g;

/** The arguments' text of each alarm the source builds (up to the matching parenthesis). */
function alarmArgs(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(ALARM)) {
    let depth = 1;
    let i = (m.index ?? 0) + m[0].length;
    const start = i;
    for (; i < text.length && depth > 0; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
    found.push(text.slice(start, i));
  }
  return found;
}

/**
 * Does the alarm tell someone: an `alarmActions` that is not an empty list, or, with none, a threshold that
 * turns it red on the first dead letter (`> 0`, `>= 1`), as Terraform's are read (iac/terraformAlarmSignal.ts)?
 */
function signals(args: string): boolean {
  if (/\balarmActions\s*:\s*(?!\[\s*\])\S/.test(args)) return true;
  const threshold = /\bthreshold\s*:\s*(\d+(?:\.\d+)?)\b/.exec(args);
  if (threshold === null) return true;
  const n = Number(threshold[1]);
  return /GreaterThanOrEqualToThreshold/.test(args)
    ? n <= 1
    : /GreaterThanThreshold/.test(args)
      ? n < 1
      : true;
}

/** TypeScript and JavaScript modules of a folder (none when it cannot be read). */
function modules(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.[cm]?[jt]s$/.test(f) && !/\.(?:test|spec|d)\.[cm]?[jt]s$/.test(f))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** Is the queue named by one of `names` alarmed, with an action, by some module of the app? */
function alarmedInApp(ctx: ModuleContext, names: readonly string[]): boolean {
  const words = names.map((n) => {
    const e = escapeRegExp(n);
    return new RegExp(`(?<![\\w$.])${e}(?![\\w$])|['"\`]${e}['"\`]`);
  });
  const here = dirname(ctx.file);
  const files = [...new Set([ctx.file, ...modules(here), ...modules(dirname(here))])];
  return files.some((f) => {
    const text = f === ctx.file ? ctx.source : readSource(f);
    if (text === undefined || !/Alarm/.test(text)) return false;
    return alarmArgs(text).some((args) => signals(args) && words.some((w) => w.test(args)));
  });
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
    if (alarmedInApp(ctx, [id.name as string, ...(name !== '' ? [name] : [])])) continue;
    report(
      'iac-missing-dlq',
      queue,
      `SST Queue ${name || id.name} is a dead-letter queue no alarm watches: failed messages pile up unnoticed`,
    );
  }
};
