// A CDK dead-letter queue alarmed by the project's other code: kept in a public field of the construct
// (`this.dlq = new Queue(...)`, the CDK way of exposing a resource) that a neighbouring module reads while
// building an alarm, or passed to a project construct or helper whose module builds an alarm
// (`new Observability(this, 'Obs', { ruleDlq })`, `Canaries.create(this, dlq)`). Alarms are commonly built
// in such an observability construct; the module alone cannot see them. Read only for a DLQ this module
// builds no alarm for, so the few files read cost nothing on the common path.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readSource } from '../../readSource.js';
import { type Node, propertyName, unwrap } from '../ast.js';
import { relativeImportFiles } from '../importedFiles.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';

/** A module that builds a CloudWatch alarm on a metric (`new cloudwatch.Alarm`, `metric.createAlarm`). */
const BUILDS_ALARM = /\bAlarm\b|createAlarm\s*\(/;
const METRIC = /metric/i;

/**
 * True when the queue kept in `name` (a local variable or `this.field`) is alarmed by the project's code
 * in another module.
 * @example
 * alarmedElsewhere(ctx, 'this.costCollectorDlq') // a sibling observability construct alarms on `.costCollectorDlq`
 * alarmedElsewhere(ctx, 'ruleDlq') // `new Observability(this, 'Obs', { ruleDlq })` and observability.ts alarms
 */
export function alarmedElsewhere(ctx: ModuleContext, name: string): boolean {
  if (name.startsWith('this.')) {
    const field = name.slice(5);
    if (!/^[\w$]+$/.test(field)) return false;
    const read = new RegExp(`\\.${field.replace(/\$/g, '\\$')}\\b`);
    const here = dirname(ctx.file);
    return [here, dirname(here)].some((dir) =>
      neighbours(dir).some((f) => f !== ctx.file && alarms(readSource(f), read)),
    );
  }
  if (!/^[\w$]+$/.test(name)) return false;
  const calls = [...ctx.of('NewExpression'), ...ctx.of('CallExpression')];
  return calls.some((call) => {
    const root = ctx.importRoot(call.callee);
    if (root === undefined || !root.source.startsWith('.') || !isProjectSource(root.source)) return false;
    if (!(call.arguments as Node[]).some((arg) => passes(unwrap(arg), name))) return false;
    return relativeImportFiles(ctx.file, root.source).some((f) => alarms(readSource(f)));
  });
}

/** The text builds an alarm on a metric (and reads the field, when one is given). */
function alarms(text: string | undefined, read?: RegExp): boolean {
  return (
    text !== undefined &&
    BUILDS_ALARM.test(text) &&
    METRIC.test(text) &&
    (read === undefined || read.test(text))
  );
}

/** TypeScript and JavaScript files of a directory (none when it cannot be read). */
function neighbours(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.[cm]?[jt]s$/.test(f) && !/\.(?:test|spec|d)\.[cm]?[jt]s$/.test(f))
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** The argument is the name, or an object literal with the name as a property's value. */
export function passes(arg: Node | undefined, name: string): boolean {
  if (arg?.type === 'Identifier') return arg.name === name;
  if (arg?.type !== 'ObjectExpression') return false;
  return (arg.properties as Node[]).some((p) => {
    if (p.type !== 'Property') return false;
    const value = unwrap(p.value);
    return (
      value?.type === 'Identifier' && value.name === name && propertyName(p.key, p.computed) !== undefined
    );
  });
}
