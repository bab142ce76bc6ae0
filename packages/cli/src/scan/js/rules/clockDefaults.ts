// An id helper whose time part defaults to the clock: `generateEventId(type, id, timestamp?)` with
// `const ts = timestamp || Math.floor(Date.now() / 1000)`, or `(type, id, at = Date.now())`. Called with
// the time of the event, the key is the same on a retry; called without it, the key is the time of this
// attempt, new on every redelivery. Which argument decides is recorded with the export (ExportFact
// .randomWhenOmitted) and compared with the arguments each call passes (keepCandidate.ts).
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { LEAF, randomCallIn } from './randomValues.js';

/**
 * The index of the parameter whose absence makes `fn` return a clock or random value: a default
 * (`at = Date.now()`) or a fallback in the body (`at || Date.now()`, `at ?? new Date()`), when what the
 * function returns carries that value.
 */
export function clockDefaultParam(ctx: ModuleContext, fn: Node): number | undefined {
  const params = fn.params as Node[];
  for (let i = 0; i < params.length; i++) {
    const p = params[i] as Node;
    const id = p.type === 'AssignmentPattern' ? unwrap(p.left as Node) : p;
    if (id?.type !== 'Identifier') continue;
    const name = id.name as string;
    const carriers = new Set([name]);
    let fallback: Node | undefined =
      p.type === 'AssignmentPattern' && randomCallIn(ctx, p.right as Node, LEAF) !== undefined
        ? (p.right as Node)
        : undefined;
    if (fallback === undefined)
      someDescendant(
        fn.body as Node,
        (n) => {
          if (n.type !== 'LogicalExpression' || (n.operator !== '||' && n.operator !== '??')) return false;
          const left = unwrap(n.left as Node);
          if (left?.type !== 'Identifier' || left.name !== name) return false;
          if (randomCallIn(ctx, n.right as Node, LEAF) === undefined) return false;
          fallback = n;
          // `const ts = timestamp || Date.now()`: the key is then built from `ts`.
          const declarator = ctx.parentOf(n);
          if (declarator?.type === 'VariableDeclarator' && declarator.id?.type === 'Identifier')
            carriers.add(declarator.id.name as string);
          return true;
        },
        true,
      );
    if (fallback !== undefined && returnsAny(ctx, fn, carriers)) return i;
  }
  return undefined;
}

/** Does what `fn` returns (its expression body, or a `return` of its own) mention one of `names`? */
function returnsAny(ctx: ModuleContext, fn: Node, names: ReadonlySet<string>): boolean {
  const body = fn.body as Node;
  const mentions = (n: Node | undefined) =>
    n !== undefined &&
    someDescendant({ type: 'Wrap', start: n.start, end: n.end, n } as Node, (d) => {
      if (d.type !== 'Identifier' || !names.has(d.name as string)) return false;
      const p = ctx.parentOf(d);
      return !(p?.type === 'MemberExpression' && p.property === d && !p.computed);
    });
  if (body.type !== 'BlockStatement') return mentions(body);
  return someDescendant(
    body,
    (n) => !isFunction(n) && n.type === 'ReturnStatement' && mentions(n.argument as Node | undefined),
    true,
  );
}
