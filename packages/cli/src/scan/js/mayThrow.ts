// "May this statement or expression throw?", asked by the batch and fan-out rules about the code beside a
// guard: a throw before a record's promise exists escapes its `.catch` (recordCatchParks.ts), a declaration
// that throws before a catch-all try rejects the callback (delegatedCatchAll.ts), a statement beside a
// parking try fails the whole batch (batchOwnAnswers.ts). One answer, at the doubt each question needs.
import { calleeName, memberPath, type Node, someDescendant, unwrap, wrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { DECODING } from './rules/recordThrows.js';

/**
 * Decoders that throw on malformed input (`JSON.parse`, a Zod `.parse`, `Buffer.from`, `atob`,
 * `decodeURIComponent`, `unmarshall`): DECODING without `safeParse` and `toString`, which answer instead.
 */
const THROWING_DECODERS = new Set(
  [...DECODING].filter((name) => name !== 'safeParse' && name !== 'toString'),
);

/** Receivers of a `.parse` that answers rather than throws (`Date.parse` gives NaN) or parses no record. */
const QUIET_PARSERS = new Set(['Date', 'Number', 'path', 'url', 'qs', 'querystring']);

/**
 * The call is a decoder that throws on malformed input, matched by receiver as well as name: `JSON.parse`
 * or a schema's `.parse`, but not `Date.parse` or `path.parse` (QUIET_PARSERS); `Buffer.from`, but not
 * `Array.from`; a bare `atob(s)`, `unmarshall(image)`.
 */
export function throwingDecoder(call: Node): boolean {
  const name = calleeName(call) ?? '';
  if (!THROWING_DECODERS.has(name)) return false;
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression') return name !== 'parse' && name !== 'from';
  const receiver = memberPath(callee.object as Node)?.at(-1);
  if (name === 'from') return receiver === 'Buffer';
  return name !== 'parse' || receiver === undefined || !QUIET_PARSERS.has(receiver);
}

/** How many functions of the module are read to see whether a call to one throws. */
const DEPTH = 2;

/**
 * How much a question must doubt: 'known' counts only what is known to throw; 'local' also doubts every
 * await, construction and call to a function of the module (their bodies unread); 'any' doubts every call.
 */
export type Doubt = 'known' | 'local' | 'any';

/**
 * `node` may throw when run, outside the functions nested in it (a function defined there runs later, if at
 * all). At every doubt: a `throw`, or a call to a throwing decoder (throwingDecoder). At 'known', also a
 * call to a function of the module whose body (two calls deep) throws so; at 'local', also an `await`, a
 * `new`, or any call to a function of the module; at 'any', also any call at all.
 *
 * @example
 * mayThrow(ctx, node, 'known') // `save(JSON.parse(r.body))` -> true; `save(r)`, save a module function that only writes -> false
 * mayThrow(ctx, node, 'any') // `const id = ids.next();` -> true; `const f = () => save(r);` -> false
 */
export function mayThrow(ctx: ModuleContext, node: Node, doubt: Doubt, depth = 0): boolean {
  return someDescendant(
    wrap(node),
    (n) => {
      if (n.type === 'ThrowStatement') return true;
      if (doubt !== 'known' && (n.type === 'AwaitExpression' || n.type === 'NewExpression')) return true;
      if (n.type !== 'CallExpression') return false;
      if (doubt === 'any' || throwingDecoder(n)) return true;
      const own = ctx.functionOf(n.callee as Node);
      if (own === undefined) return false;
      if (doubt === 'local') return true;
      return depth < DEPTH && mayThrow(ctx, own.body as Node, doubt, depth + 1);
    },
    true,
  );
}
