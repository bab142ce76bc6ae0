// The Aurora Data API (and drivers shaped like it) binds SQL parameters by name, not position:
// `INSERT INTO t (id, ...) VALUES (:id, ...)` run with `[{ name: 'id', value: { stringValue: v } }, ...]`.
// sqlParamKeys.ts matches a positional INSERT to its parameter array; this matches the named form, so a
// random id bound this way is reported as random-id-nondeterministic (and insert-no-upsert hands the row
// over, as for positional parameters). The parameter array's shape says it is one, whatever function
// carries it on (`get_db_params(sql, params)`, `statement(sql, parameters)`), so the callee is not asked.
import { type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A VALUES entry that binds a named parameter: `:invoice_id`. */
const NAMED = /^:([A-Za-z_]\w*)$/;

/**
 * A VALUES entry with its Postgres cast taken off (`:bill_id::uuid`, `CAST(:bill_id AS uuid)` -> `:bill_id`):
 * the cast changes the type, not which parameter is bound.
 */
function uncast(value: string): string {
  const cast = /^cast\s*\(\s*(.*?)\s+as\s+[^)]*\)$/i.exec(value);
  return (cast === null ? value : (cast[1] as string)).replace(/::[\w\s[\]]+$/, '').trim();
}

/**
 * Every column of a named-parameter INSERT bound to a parameter, with the value bound to it: `columns`
 * matched by position to `values` (the VALUES list), and each `:name` to the `{ name, value: { <type>Value:
 * v } }` element of `array` that carries it. Undefined when the array is not a named-parameter list. The
 * caller picks the id-like columns.
 *
 * @example
 * namedColumnValues(ctx, ['invoice_id', 'total'], [':invoice_id', ':total'], array)
 * // Map { 'invoice_id' => invoiceId, 'total' => amount }
 */
export function namedColumnValues(
  ctx: ModuleContext,
  columns: readonly string[],
  values: readonly string[],
  array: Node,
): Map<string, Node> | undefined {
  const bound = new Map<string, Node>();
  for (const element of array.elements as (Node | null)[]) {
    // A spread (`...common`) may carry more parameters: they are not read, so their columns bind nothing.
    if (element?.type === 'SpreadElement') continue;
    const param = objectProps(ctx.valueOf(unwrap(element)));
    const name = stringValue(param?.props.get('name'));
    const typed = objectProps(ctx.valueOf(param?.props.get('value')));
    // One typed slot (`stringValue`, `longValue`, ...): the Data API's Field.
    const slots = typed === undefined ? [] : [...typed.props].filter(([k]) => /Value$/.test(k));
    // A NULL parameter (`value: { isNull: true }`) binds no value but is still a Field of the list.
    if (name !== undefined && slots.length === 0 && typed?.props.has('isNull') === true) continue;
    if (name === undefined || slots.length !== 1) return undefined;
    bound.set(name, (slots[0] as [string, Node])[1]);
  }
  if (bound.size === 0) return undefined;
  const byColumn = new Map<string, Node>();
  columns.forEach((column, i) => {
    const named = NAMED.exec(uncast(values[i] ?? ''));
    const value = named === null ? undefined : bound.get(named[1] as string);
    if (value !== undefined) byColumn.set(column, value);
  });
  return byColumn;
}
