// Request options merged from pieces the module spells itself: `{ ...base, url }`,
// `Object.assign({}, base, { url })`, lodash's `assign(...)`/`merge(...)`/`defaults(...)`. Callback-era code
// builds one options object per host or per call this way; the merge is as readable as a literal when every
// piece is, and stays out of sight (benefit of the doubt) when any piece is not.
import { calleeName, memberPath, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { spreadProps } from './spreadProps.js';

/** Packages whose `assign`/`merge`/`extend`/`defaults` copy objects' properties together. */
const MERGE_PACKAGES = /^(lodash|lodash\.(assign|merge|defaults|extend)|lodash\/\w+|underscore|xtend)$/;
const MERGE_NAMES = /^(assign|assignIn|merge|extend|defaults|defaultsDeep)$/;

/** `Object.assign(...)` or a lodash/underscore merge: every argument adds its properties. */
export function isMergeCall(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'CallExpression') return false;
  if (memberPath(n.callee)?.join('.') === 'Object.assign') return true;
  const source = ctx.importRoot(n.callee)?.source;
  if (source === 'xtend') return true;
  return source !== undefined && MERGE_PACKAGES.test(source) && MERGE_NAMES.test(calleeName(n) ?? '');
}

/**
 * The object literal of a piece spread only when a condition holds: `...(body && { body })`. A falsy
 * spread adds nothing, so the piece adds the literal's properties or none (each read as conditional); only an inline literal counts
 * (`a && b` with `b` a name stays out of sight, and so do `||`, `??` and `?:`, whose other side may be an object).
 */
function optionalPiece(node: Node | undefined): Node | undefined {
  const n = unwrap(node);
  if (n?.type !== 'LogicalExpression' || n.operator !== '&&') return undefined;
  const right = unwrap(n.right as Node);
  return right?.type === 'ObjectExpression' ? right : undefined;
}

/** `test ? value : undefined`, spelled at `value`'s place: a key a conditional piece supplies. */
function conditional(test: Node, value: Node): Node {
  const nothing = { type: 'Identifier', name: 'undefined', start: value.start, end: value.start } as Node;
  return {
    type: 'ConditionalExpression',
    test,
    consequent: value,
    alternate: nothing,
    start: value.start,
    end: value.end,
  } as Node;
}

/**
 * The properties of an options value the module builds by merging pieces it spells, or undefined when a
 * piece is out of sight (a parameter, an import, a call) or the value is no merge at all.
 *
 * @example
 * mergedProps(ctx, node) // assign({}, options, { url }) with `const options = { json: true }` -> Map { json, url }
 */
export function mergedProps(
  ctx: ModuleContext,
  node: Node | undefined,
  depth = 0,
): Map<string, Node> | undefined {
  if (depth > 4) return undefined;
  const v = ctx.valueOf(node);
  if (v?.type === 'ObjectExpression') return spreadProps(v, (arg) => mergedProps(ctx, arg, depth + 1));
  const optional = optionalPiece(v);
  if (optional !== undefined) {
    const inner = mergedProps(ctx, optional, depth + 1);
    if (inner === undefined) return undefined;
    // Each key is there only when the condition holds: read as `cond ? value : undefined`, the ternary
    // optionsBound already judges 'optional' (a timeout the callers decide), never as always present.
    const test = (v as Node).left as Node;
    return new Map([...inner].map(([k, value]) => [k, conditional(test, value)]));
  }
  if (!isMergeCall(ctx, v)) return undefined;
  const out = new Map<string, Node>();
  for (const arg of (v as Node).arguments as Node[]) {
    const inner = arg.type === 'SpreadElement' ? undefined : mergedProps(ctx, arg, depth + 1);
    if (inner === undefined) return undefined;
    for (const [k, value] of inner) out.set(k, value);
  }
  return out;
}
