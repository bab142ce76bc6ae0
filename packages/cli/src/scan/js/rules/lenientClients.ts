// swallowed-error for promise HTTP clients set not to throw on a 4xx/5xx: undici's `request()` (it never
// throws on a status), got and ky with `throwHttpErrors: false`, axios with a `validateStatus` that lets
// error statuses through (`() => true`, `null`, `(s) => s < 500`). Their answer must be read for its
// status; one that is not takes an error page for the answer.
import { isFunction, type Node, propertyName, unwrap } from '../ast.js';
import type { HttpCall } from '../httpCall.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The value of `key` in an options object literal (or the const it names), if written. */
function option(ctx: ModuleContext, options: Node | undefined, key: string): Node | undefined {
  const object = ctx.valueOf(options);
  if (object?.type !== 'ObjectExpression') return undefined;
  const property = (object.properties as Node[]).find(
    (p) => p.type === 'Property' && propertyName(p.key as Node, p.computed as boolean) === key,
  );
  return property === undefined ? undefined : unwrap(property.value as Node);
}

/** A `validateStatus` that answers true for error statuses: `null`, `false`, `() => true`, `(s) => s < 500`. */
function lenientValidator(ctx: ModuleContext, value: Node | undefined): boolean {
  if (value === undefined) return false;
  if (value.type === 'Literal') return value.value === null || value.value === false;
  if (!isFunction(value)) return false;
  const body = ctx.source.slice((value.body as Node).start, (value.body as Node).end);
  return (
    /^\{?\s*(return\s+)?true\s*;?\s*\}?$/.test(body.trim()) || /<\s*500\b|<=\s*499\b|<\s*600\b/.test(body)
  );
}

/** The call's own options or its instance's creation options (`axios.create({...})`, `got.extend({...})`). */
function optionsOf(http: HttpCall): Node[] {
  const created =
    http.instance?.type === 'CallExpression' ? (http.instance.arguments as Node[])[0] : undefined;
  return [http.options, created].filter((o): o is Node => o !== undefined);
}

/** Does this call answer a 4xx/5xx as a response instead of throwing? */
function lenient(ctx: ModuleContext, http: HttpCall): boolean {
  if (http.lib === 'undici')
    return (option(ctx, http.options, 'throwOnError') as Node | undefined)?.value !== true;
  const all = optionsOf(http);
  if (http.lib === 'got' || http.lib === 'ky')
    return all.some((o) => (option(ctx, o, 'throwHttpErrors') as Node | undefined)?.value === false);
  if (http.lib === 'axios') return all.some((o) => lenientValidator(ctx, option(ctx, o, 'validateStatus')));
  return false;
}

/** A status read of `name`: `res.status`, `res.statusCode`, `res.ok`, or handed back whole. */
function statusRead(text: string, name: string): boolean {
  return new RegExp(
    `\\b${name}\\s*\\??\\.\\s*(status|statusCode|ok|statusText)\\b|\\breturn\\s+${name}\\s*[;)}]|\\(\\s*${name}\\s*[,)]`,
  ).test(text);
}

/**
 * Why this lenient call's status is never looked at, or undefined.
 *
 * @example
 * lenientResponse(ctx, call, http) // for `const { body } = await request(url)` of undici: status never read
 */
export function lenientResponse(ctx: ModuleContext, call: Node, http: HttpCall): string | undefined {
  if (!lenient(ctx, http)) return undefined;
  const { node, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  const why =
    http.lib === 'undici'
      ? "undici's request() answers a 4xx/5xx like a 200"
      : http.lib === 'axios'
        ? 'its validateStatus lets error statuses through'
        : 'throwHttpErrors: false answers a 4xx/5xx like a 200';
  if (node.type !== 'AwaitExpression') return undefined;
  if (parent?.type === 'ExpressionStatement')
    return `the response is discarded and ${why}: the failure is taken for success`;
  if (parent?.type !== 'VariableDeclarator') return undefined;
  const id = parent.id as Node;
  if (id.type === 'ObjectPattern') {
    const keys = ctx.source.slice(id.start, id.end);
    return /\b(status|statusCode|ok)\b/.test(keys)
      ? undefined
      : `the status is never read and ${why}: an error answer is taken for data`;
  }
  if (id.type !== 'Identifier') return undefined;
  const fn = ctx.enclosingFunction(call) ?? ctx.program;
  return statusRead(ctx.source.slice(parent.end, fn.end), id.name as string)
    ? undefined
    : `${id.name as string}'s status is never read and ${why}: an error answer is taken for data`;
}
