// Which names of a function hold a batch record, or a value derived from it: its parameter, what is
// declared from it (`const item = cleanse(record[image])`), and, through a call to a function of the
// module, the parameters the record is handed to. A park (recordCatchParks.ts) keeps a failed record only
// when what it sends mentions one of these: an alert carrying the error alone parks nothing.
// By name, not by binding: a nested function's own parameters are taken out (`.catch((record) => ...)`
// shadows), assignments after a declaration (`x = record.body`) are not followed.
import { forEachDescendant, isFunction, type Node, someDescendant, wrap } from './ast.js';
import { isKeyName } from './keyNames.js';
import type { ModuleContext } from './ModuleContext.js';

/** The names holding the record inside `scope` (a function): none when the record is not in reach. */
export interface HeldRecord {
  scope: Node;
  names: ReadonlySet<string>;
}

/**
 * The names a declaration or parameter pattern binds: `{ body, attributes: { id } }` -> body, id; a
 * default value is no binding.
 */
export function boundNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  if (pattern == null) return out;
  if (pattern.type === 'Identifier') out.push(pattern.name as string);
  else if (pattern.type === 'ObjectPattern')
    for (const p of pattern.properties as Node[])
      boundNames(p.type === 'RestElement' ? p.argument : p.value, out);
  else if (pattern.type === 'ArrayPattern') for (const e of pattern.elements as Node[]) boundNames(e, out);
  else if (pattern.type === 'AssignmentPattern') boundNames(pattern.left as Node, out);
  else if (pattern.type === 'RestElement') boundNames(pattern.argument as Node, out);
  else if (pattern.type === 'TSParameterProperty') boundNames(pattern.parameter as Node, out);
  return out;
}

/** `node` reads one of `names` as a variable (not as a key or member name: `{ record: 1 }`, `x.record`). */
export function mentions(ctx: ModuleContext, node: Node | undefined, names: ReadonlySet<string>): boolean {
  if (node === undefined || names.size === 0) return false;
  return someDescendant(
    wrap(node),
    (n) => n.type === 'Identifier' && names.has(n.name as string) && !isKeyName(ctx, n),
  );
}

/** `seeds` and every name `fn` declares (outside nested functions) from a value mentioning one, to a fixpoint. */
function derived(ctx: ModuleContext, fn: Node, seeds: Iterable<string>): Set<string> {
  const names = new Set(seeds);
  if (names.size === 0) return names;
  const declarators: Node[] = [];
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'VariableDeclarator' && n.init != null) declarators.push(n);
      return true;
    },
    true,
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of declarators)
      if (mentions(ctx, d.init as Node, names))
        for (const name of boundNames(d.id as Node))
          if (!names.has(name)) {
            names.add(name);
            grew = true;
          }
  }
  return names;
}

/**
 * The record as `fn`'s parameters at `positions` hold it (a fan-out callback's item is its first).
 * @example recordParams(ctx, cb, [0]) // (r) => { const body = JSON.parse(r.body); ... } -> r, body
 */
export function recordParams(ctx: ModuleContext, fn: Node, positions: readonly number[]): HeldRecord {
  const params = (fn.params ?? []) as Node[];
  return {
    scope: fn,
    names: derived(
      ctx,
      fn,
      positions.flatMap((i) => boundNames(params[i])),
    ),
  };
}

/** The record as a function of the module called with `args` holds it: the parameters handed a mention. */
export function handedTo(ctx: ModuleContext, own: Node, args: readonly Node[], held: HeldRecord): HeldRecord {
  const positions = args.flatMap((a, i) => (mentions(ctx, a, held.names) ? [i] : []));
  return recordParams(ctx, own, positions);
}

/**
 * The record as `fn` holds it when written inside `held.scope` (a catch callback): the enclosing names less
 * its own parameters, and what it declares from them. A function written elsewhere does not hold it.
 */
export function heldInside(ctx: ModuleContext, fn: Node, held: HeldRecord): HeldRecord {
  if (fn === held.scope) return held;
  const inside = isFunction(fn) && held.scope.start <= fn.start && fn.end <= held.scope.end;
  if (!inside) return { scope: fn, names: new Set() };
  const own = new Set(((fn.params ?? []) as Node[]).flatMap((p) => boundNames(p)));
  return {
    scope: fn,
    names: derived(
      ctx,
      fn,
      [...held.names].filter((n) => !own.has(n)),
    ),
  };
}
