// swallowed-error: a fallback answer that names itself. A function answers `{ personas, source: 'llm_inferred' }`
// on success and, once its attempts are spent, `{ personas: [GENERIC], source: 'fallback' }` (inline, or built by
// a function of the module): the field the success answer holds as a string literal carries another literal in
// the stand-in, so whoever keeps the answer keeps the mark that it is the fallback (a saved profile's
// `personas_source`). The failure is answered, not passed off as the real result. A stand-in with no such
// field (`{ languages, business_model: 'B2C' }` where the success answer is the parsed reply) is still
// reported: nothing in it tells it from an inferred answer.
import { forEachDescendant, isFunction, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** The `return` statements of `root` outside nested functions. */
function returnsIn(root: Node | undefined): Node[] {
  const out: Node[] = [];
  forEachDescendant(
    root,
    (n) => {
      if (n.type === 'ReturnStatement') out.push(n);
      return true;
    },
    true,
  );
  return out;
}

/** String-literal fields of an object literal, by key; undefined when it is no object literal. */
function literalFields(node: Node | undefined): Map<string, string> | undefined {
  const o = objectProps(node);
  if (o === undefined) return undefined;
  const out = new Map<string, string>();
  for (const [key, value] of o.props) {
    const v = unwrap(value);
    if (v?.type === 'Literal' && typeof v.value === 'string') out.set(key, v.value);
  }
  return out;
}

/**
 * The object literals an answer expression stands for: the literal itself, or, for a call of a function of
 * the module, the literals its every `return` answers (undefined when one is not a literal).
 */
function answerObjects(
  ctx: ModuleContext,
  answer: Node | null | undefined,
): Map<string, string>[] | undefined {
  const a = unwrap(answer ?? undefined);
  const own = literalFields(a);
  if (own !== undefined) return [own];
  if (a?.type !== 'CallExpression') return undefined;
  const fn = ctx.functionOf(a.callee as Node);
  if (fn === undefined || !isFunction(fn)) return undefined;
  const body = fn.body as Node;
  // An arrow with an expression body answers that expression.
  const answers = body.type === 'BlockStatement' ? returnsIn(body).map((r) => r.argument as Node) : [body];
  const objects = answers.map((x) => literalFields(x));
  return answers.length > 0 && objects.every((o) => o !== undefined)
    ? (objects as Map<string, string>[])
    : undefined;
}

/**
 * Every answer in `fallbacks` (returned expressions) is an object that holds, under a key some object answer of
 * the try `success` also holds as a string literal, a different string literal (`source: 'fallback'` against
 * `source: 'llm_inferred'`).
 *
 * @example
 * // try { ...; return { items, source: 'llm' } } catch { if (last) return fallbackItems() }  (fallbackItems: { items: [], source: 'fallback' })
 * taggedFallback(ctx, tryBlock, [returnArgument]) // -> true
 */
export function taggedFallback(
  ctx: ModuleContext,
  success: Node,
  fallbacks: (Node | null | undefined)[],
): boolean {
  const real = returnsIn(success)
    .map((r) => literalFields(r.argument as Node))
    .filter((o): o is Map<string, string> => o !== undefined && o.size > 0);
  if (real.length === 0 || fallbacks.length === 0) return false;
  return fallbacks.every((f) => {
    // No answer object (a default, a value out of sight) is no mark.
    const objects = answerObjects(ctx, f) ?? [];
    return (
      objects.length > 0 &&
      objects.every((o) =>
        [...o].some(([key, value]) => real.some((s) => s.has(key) && s.get(key) !== value)),
      )
    );
  });
}

/** The arguments of the `return` statements of `root` (outside nested functions). */
export function returnedIn(root: Node | undefined): (Node | null | undefined)[] {
  return returnsIn(root).map((r) => r.argument as Node | null | undefined);
}
