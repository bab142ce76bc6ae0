// Which names of a function hold a batch record, or a value derived from it: its parameter, what is
// declared from it (`const item = cleanse(record[image])`), and, through a call to a function of the
// module, the parameters the record is handed to. A park (recordCatchParks.ts) keeps a failed record only
// when what it sends carries one of these (carries): an alert carrying the error alone parks nothing, nor
// does one naming the record's id (`${r.eventID} failed`) or a queue chosen by it (`QUEUES[r.eventName]`).
// By name, not by binding: the names a nested function declares or takes are taken out (`.catch((record)
// => ...)`, `const message = ...` shadow), assignments after a declaration (`x = record.body`) are not followed.
import { contains, forEachDescendant, isFunction, type Node, someDescendant, unwrap, wrap } from './ast.js';
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
 * @example
 * boundNames(declarator.id) // const { body, attributes: { id } } = r -> ['body', 'id']
 */
export function boundNames(pattern: Node | null | undefined, out: string[] = []): string[] {
  const p = unwrap(pattern);
  if (p === undefined) return out;
  if (p.type === 'Identifier') out.push(p.name as string);
  else if (p.type === 'ObjectPattern')
    for (const prop of p.properties as Node[])
      boundNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
  else if (p.type === 'ArrayPattern') for (const e of p.elements as Node[]) boundNames(e, out);
  else if (p.type === 'AssignmentPattern') boundNames(p.left as Node, out);
  else if (p.type === 'RestElement') boundNames(p.argument as Node, out);
  else if (p.type === 'TSParameterProperty') boundNames(p.parameter as Node, out);
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

/** A member read of the record's id or key (`r.eventID`, `r.dynamodb.Keys`, `body.orderId`): no content. */
const ID_FIELD =
  /^(?:[iI]ds?|IDs?|[kK]eys?|pk|sk|PK|SK|receiptHandle|[sS]equenceNumber|[pP]artitionKey)$|[a-z](?:Id|ID|Ids|IDs|Key|Keys)$/;

/**
 * `node` carries one of `names` as a value: a mention (mentions) that is not spelled into a template
 * string, not a computed member's index (`QUEUES[r.eventName]` routes by the record, keeps nothing of it),
 * and not a member read through an id or key field (ID_FIELD). Such a value holds the record's content.
 */
export function carries(ctx: ModuleContext, node: Node | undefined, names: ReadonlySet<string>): boolean {
  if (node === undefined || names.size === 0) return false;
  return someDescendant(wrap(node), (n) => {
    if (n.type !== 'Identifier' || !names.has(n.name as string) || isKeyName(ctx, n)) return false;
    let child: Node = n;
    for (let p = ctx.parentOf(n); p !== undefined && child !== node; child = p, p = ctx.parentOf(p)) {
      if (p.type === 'TemplateLiteral') return false;
      if (p.type !== 'MemberExpression') continue;
      if (p.computed && p.property === child) return false;
      const key = p.property as Node;
      if (p.object === child && !p.computed && ID_FIELD.test(key.name as string)) return false;
    }
    return true;
  });
}

/**
 * `seeds` and every name `fn` declares from a value that `reads` one of the names so far, to a fixpoint:
 * `const body = JSON.parse(r.body); const { id } = body` grows `r` to r, body, id. The declarators looked
 * at are those of `fn`'s body, not of its nested functions unless `nested` (a callback's own declarations).
 * One fixpoint for every "what is worked out from x" question; the questions differ in what counts as
 * reading (heldRecord: `carries`; retryRequeue: any mention) and in whether callbacks are followed.
 * @example derivedNames(fn, ['r'], (init, names) => carries(ctx, init, names)) // r, body, id
 */
export function derivedNames(
  fn: Node,
  seeds: Iterable<string>,
  reads: (init: Node, names: ReadonlySet<string>) => boolean,
  nested = false,
): Set<string> {
  const names = new Set(seeds);
  if (names.size === 0) return names;
  const declarators: Node[] = [];
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (n.type === 'VariableDeclarator' && n.init != null) declarators.push(n);
      return true;
    },
    !nested,
  );
  for (let grew = true; grew; ) {
    grew = false;
    for (const d of declarators)
      if (reads(d.init as Node, names))
        for (const name of boundNames(d.id as Node))
          if (!names.has(name)) {
            names.add(name);
            grew = true;
          }
  }
  return names;
}

/** The names `fn` declares from a value carrying one of `seeds` (outside nested functions). */
function derived(ctx: ModuleContext, fn: Node, seeds: Iterable<string>): Set<string> {
  return derivedNames(fn, seeds, (init, names) => carries(ctx, init, names));
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

/** The record as a function of the module called with `args` holds it: the parameters it is carried to. */
export function handedTo(ctx: ModuleContext, own: Node, args: readonly Node[], held: HeldRecord): HeldRecord {
  const positions = args.flatMap((a, i) => (carries(ctx, a, held.names) ? [i] : []));
  return recordParams(ctx, own, positions);
}

/**
 * The record as `fn` holds it when written inside `held.scope` (a catch callback): the enclosing names less
 * the names it takes or declares itself (they shadow), and what it declares from them. A function written
 * elsewhere does not hold it.
 */
export function heldInside(ctx: ModuleContext, fn: Node, held: HeldRecord): HeldRecord {
  if (fn === held.scope) return held;
  const inside = isFunction(fn) && contains(held.scope, fn);
  if (!inside) return { scope: fn, names: new Set() };
  const own = new Set(((fn.params ?? []) as Node[]).flatMap((p) => boundNames(p)));
  if (fn.body?.type === 'BlockStatement')
    forEachDescendant(
      fn.body as Node,
      (n) => {
        if (n.type === 'VariableDeclarator') for (const name of boundNames(n.id as Node)) own.add(name);
        else if (n.type === 'FunctionDeclaration' && n.id != null) own.add(n.id.name as string);
        return true;
      },
      true,
    );
  return {
    scope: fn,
    names: derived(
      ctx,
      fn,
      [...held.names].filter((n) => !own.has(n)),
    ),
  };
}
