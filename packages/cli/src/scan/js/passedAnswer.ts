// A function that only hands on another call's answer: `const result = await api.process(p); return result;`
// or `return api.process(p)`. A caller that drops its answer drops that call's answer too (errorValues.ts
// joins it to the callee's own "answer dropped" judgement).
import { isFunction, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

const THROUGH = new Set(['AwaitExpression', 'ParenthesizedExpression', 'TSAsExpression']);

function bare(node: Node | null | undefined): Node | undefined {
  let n = unwrap(node ?? undefined);
  while (n !== undefined && THROUGH.has(n.type)) n = unwrap(n.argument ?? n.expression);
  return n;
}

/**
 * The call whose answer `fn` returns as its own, when its body ends by returning it (directly, or through
 * a variable declared from it and read nowhere else); undefined otherwise.
 *
 * @example
 * passedAnswer(ctx, fn) // the `isaToolsApi.processImage(...)` call of `const r = await isaToolsApi.processImage(...); return r;`
 */
export function passedAnswer(ctx: ModuleContext, fn: Node): Node | undefined {
  if (!isFunction(fn)) return undefined;
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') {
    const call = bare(body);
    return call?.type === 'CallExpression' ? call : undefined;
  }
  const statements = body.body as Node[];
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement') return undefined;
  const value = bare(last.argument as Node | null);
  if (value?.type === 'CallExpression') return value;
  if (value?.type !== 'Identifier') return undefined;
  const declared = statements.at(-2);
  if (declared?.type !== 'VariableDeclaration' || (declared.declarations as Node[]).length !== 1)
    return undefined;
  const only = (declared.declarations as Node[])[0] as Node;
  if (unwrap(only.id)?.type !== 'Identifier' || unwrap(only.id)?.name !== value.name) return undefined;
  const call = bare(only.init as Node | null);
  if (call?.type !== 'CallExpression') return undefined;
  // Read between its declaration and the return (`log(result)` is fine, `result.ok` is a use): only the
  // two mentions, declaration and return, make it a hand-on.
  const text = ctx.source.slice(body.start, body.end);
  const mentions = text.match(
    new RegExp(`(?<![\\w$.])${(value.name as string).replace(/\$/g, '\\$')}(?![\\w$])`, 'g'),
  );
  return mentions?.length === 2 ? call : undefined;
}
