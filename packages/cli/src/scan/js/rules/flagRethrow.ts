// A rejection handler that rethrows only when a boolean option says so (`catchDecorator(Type, false)`,
// `withErrors(fn, { rethrow })`): called with the flag off, the failure is logged and the promise resolves
// undefined, so a read looks like "no data" and a write looks done.
import { type Node, unwrap } from '../ast.js';
import { isDefaultValue } from '../emptyValues.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isObservation } from './catchFacts.js';

/** `flag` or `!flag` where `flag` is a parameter of a function around the test (an option, not the error). */
function isFlagTest(ctx: ModuleContext, test: Node | undefined, errorName: string | undefined): boolean {
  let t = unwrap(test);
  if (t?.type === 'UnaryExpression' && t.operator === '!') t = unwrap(t.argument);
  if (t?.type !== 'Identifier' || t.name === errorName) return false;
  return ctx.resolve(t.name as string, t)?.kind === 'param';
}

/** `if (flag) throw error;`: the only way out of the handler that fails. */
function isFlagThrow(ctx: ModuleContext, node: Node, errorName: string | undefined): boolean {
  if (node.type !== 'IfStatement' || node.alternate != null) return false;
  const c = node.consequent as Node;
  const thrown = c.type === 'BlockStatement' && (c.body as Node[]).length === 1 ? (c.body as Node[])[0] : c;
  return thrown?.type === 'ThrowStatement' && isFlagTest(ctx, node.test, errorName);
}

/** `if (!rethrow) return undefined;`: the flag decides whether the next statement's throw runs. */
function isFlagReturn(ctx: ModuleContext, node: Node, errorName: string | undefined): boolean {
  if (node.type !== 'IfStatement' || node.alternate != null) return false;
  const c = node.consequent as Node;
  const r = c.type === 'BlockStatement' && (c.body as Node[]).length === 1 ? (c.body as Node[])[0] : c;
  return r?.type === 'ReturnStatement' && isDefaultValue(r.argument) && isFlagTest(ctx, node.test, errorName);
}

/**
 * Statements that log and rethrow only behind a flag, inline or through a module-local helper the error is
 * handed to (`_handleError(error, key, Type, raiseException)`). `depth` bounds the helper chain.
 */
function logsUnlessFlag(
  ctx: ModuleContext,
  statements: readonly Node[],
  errorName: string | undefined,
  depth: number,
): boolean {
  let flagThrows = 0;
  for (const s of statements) {
    if (isFlagThrow(ctx, s, errorName) || isFlagReturn(ctx, s, errorName)) flagThrows++;
    // `if (!rethrow) return undefined; throw error;`: the throw is behind the flag.
    else if (s.type === 'ThrowStatement' && flagThrows > 0) continue;
    else if (isObservation(s)) continue;
    else if (depth > 0 && helperLogsUnlessFlag(ctx, s, errorName, depth)) flagThrows++;
    else return false;
  }
  return flagThrows > 0;
}

function helperLogsUnlessFlag(
  ctx: ModuleContext,
  statement: Node,
  errorName: string | undefined,
  depth: number,
): boolean {
  if (statement.type !== 'ExpressionStatement') return false;
  const call = unwrap(statement.expression);
  if (call?.type !== 'CallExpression') return false;
  const handsError = (call.arguments as Node[]).some(
    (a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === errorName,
  );
  const fn = ctx.functionOf(call.callee);
  if (!handsError || fn === undefined) return false;
  const body = fn.body as Node;
  const first = fn.params?.[0];
  const helperError = first?.type === 'Identifier' ? (first.name as string) : undefined;
  return body.type === 'BlockStatement' && logsUnlessFlag(ctx, body.body as Node[], helperError, depth - 1);
}

/** The `.catch(fn)` callback logs and rethrows only when a flag parameter is set. */
export function rethrowsOnlyOnFlag(ctx: ModuleContext, fn: Node): boolean {
  const body = fn.body as Node;
  const first = fn.params?.[0];
  const errorName = first?.type === 'Identifier' ? (first.name as string) : undefined;
  const statements =
    body.type === 'BlockStatement'
      ? (body.body as Node[])
      : [{ type: 'ExpressionStatement', expression: body, start: body.start, end: body.end }];
  return logsUnlessFlag(ctx, statements, errorName, 1);
}
