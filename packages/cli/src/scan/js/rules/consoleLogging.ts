// console-logging: unstructured console calls in a Lambda module, one finding per module (moved out of
// lambda.ts, which holds the batch rule).
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** `console.log(JSON.stringify({ level, ... }))`: structured JSON with a level, as CloudWatch reads it. */
function structuredJson(ctx: ModuleContext, call: Node): boolean {
  const arg = unwrap((call.arguments as Node[])[0]);
  if ((call.arguments as Node[]).length !== 1 || arg?.type !== 'CallExpression') return false;
  if (memberPath(arg.callee)?.join('.') !== 'JSON.stringify') return false;
  const fields = objectProps(ctx.valueOf((arg.arguments as Node[])[0]));
  return fields !== undefined && (fields.props.has('level') || fields.props.has('severity'));
}

/**
 * One finding per module, at its first unstructured console call, with the count: a repository's number
 * of console calls says how widespread the habit is, not how many fixes it needs (one logger per module).
 */
export function consoleRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule) return;
  const calls: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    const path = memberPath(call.callee);
    if (path?.length !== 2 || path[0] !== 'console') continue;
    if (!/^(log|info|warn|error|debug|trace)$/.test(path[1] ?? '')) continue;
    const callee = unwrap(call.callee);
    if (!ctx.isGlobal('console', callee?.object as Node)) continue;
    if (structuredJson(ctx, call)) continue;
    calls.push(call);
  }
  if (calls.length === 0) return;
  calls.sort((a, b) => a.start - b.start);
  const first = calls[0] as Node;
  const method = memberPath(first.callee)?.[1] ?? 'log';
  report(
    'console-logging',
    first,
    calls.length === 1
      ? `console.${method} in a Lambda module: unstructured, no level control or request context`
      : `${calls.length} console calls in this Lambda module (the first here): unstructured, no level control or request context`,
  );
}
