// swallowed-error for fetch: fetch resolves on 4xx/5xx, so a response whose status is never looked at
// takes an error page for data.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** fetch resolves on 4xx/5xx; reading the body without checking `ok`/`status` treats an error page as data. */
export function uncheckedResponse(ctx: ModuleContext, call: Node): string | undefined {
  const { node: n, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  if (parent === undefined) return undefined;
  if (parent.type === 'ExpressionStatement' && n.type === 'AwaitExpression')
    return 'fetch() response is discarded: a 4xx/5xx answer counts as success';
  if (parent.type === 'MemberExpression' && parent.object === n && n.type === 'AwaitExpression') {
    const method = parent.property?.name as string | undefined;
    if (method === 'json' || method === 'text' || method === 'arrayBuffer' || method === 'blob')
      return `fetch() body read with .${method}() without checking response.ok: an error page becomes data`;
    return undefined;
  }
  if (
    parent.type === 'VariableDeclarator' &&
    parent.id?.type === 'Identifier' &&
    n.type === 'AwaitExpression'
  ) {
    const name = parent.id.name as string;
    const fn = ctx.enclosingFunction(call) ?? ctx.program;
    const text = ctx.source.slice(fn.start, fn.end);
    const re = new RegExp(
      `\\b${name}\\s*(\\?\\.|\\.)\\s*(ok|status|statusCode|statusText)\\b|\\b(return|yield)\\s+${name}\\s*(;|\\)|$)|\\(\\s*${name}\\s*[,)]|\\b${name}\\s*[,)]`,
    );
    if (re.test(text)) return undefined;
    const reads = new RegExp(`\\b${name}\\s*\\.\\s*(json|text|arrayBuffer|blob|body)\\b`).test(text);
    return reads
      ? `fetch() response ${name} is read without checking ${name}.ok or ${name}.status`
      : undefined;
  }
  return undefined;
}
