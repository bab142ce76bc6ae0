// Which parameters of a function it writes somewhere durable: a retry-table put, a re-send to a queue, a
// project `save(...)` handed the value or anything built from it (`const item = { body: record.body }`).
// A batch consumer that catches a record's failure and hands the record to such a function has parked it
// for a later re-drive (rules/batchParkedRecords.ts); one handing it to a logger, or writing only a flag
// keyed by an id, has dropped it.
import { isFunction, lastName, type Node, someDescendant, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Calls that keep what they are handed: stores, queues, streams, buses. Not `update` (a flag on a row). */
const WRITE =
  /^(put|putItem|putObject|putRecords?|putEvents|batchWrite\w*|transactWrite\w*|send|sendMessage\w*|save|insert\w*|create|publish|enqueue|upsert|write|index|lpush|rpush|xadd)$/i;
/** A module that may hold a write at all: a cheap test before the function is walked. */
export const STORE_WORDS =
  /\.(put|send|save|insert|create|publish|enqueue|upsert|write|index|batchWrite|transactWrite)\w*\(/i;
/** A command sent by `client.send(new XCommand(...))` that keeps its input, rather than reading by it. */
const WRITE_COMMAND = /^(Put|Send|Publish|BatchWrite|TransactWrite|StartExecution)\w*Command$/;

/** Every name a binding pattern binds: `{ body, attributes: { id } }` -> body, id. */
function boundNames(pattern: Node | undefined, into: Set<string>): void {
  const p = unwrap(pattern);
  if (p === undefined) return;
  if (p.type === 'Identifier') into.add(p.name as string);
  else if (p.type === 'ObjectPattern')
    for (const prop of p.properties as Node[])
      boundNames(prop.type === 'RestElement' ? prop.argument : prop.value, into);
  else if (p.type === 'ArrayPattern') for (const el of p.elements as Node[]) boundNames(el, into);
  else if (p.type === 'AssignmentPattern') boundNames(p.left, into);
  else if (p.type === 'RestElement') boundNames(p.argument, into);
}

/** Does the expression read one of the names (as a value, not as a property key or member name)? */
function mentions(ctx: ModuleContext, expr: Node | undefined, names: ReadonlySet<string>): boolean {
  const whole = unwrap(expr);
  if (whole?.type === 'Identifier') return names.has(whole.name as string);
  return someDescendant(expr, (n) => {
    if (n.type !== 'Identifier' || !names.has(n.name as string)) return false;
    const parent = ctx.parentOf(n);
    if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return false;
    return !(parent?.type === 'Property' && parent.key === n && parent.value !== n);
  });
}

/** A call that keeps its arguments: a write verb, and for `send` a command that writes. */
function writes(call: Node): boolean {
  const name = lastName(call.callee as Node);
  if (name === undefined || !WRITE.test(name)) return false;
  const command = unwrap((call.arguments as Node[])[0]);
  if (name !== 'send' || command?.type !== 'NewExpression') return true;
  return WRITE_COMMAND.test(lastName(command.callee as Node) ?? '');
}

/**
 * The indexes of the function's parameters that reach a write: the parameter, or a value derived from it
 * through the function's declarations, is an argument of a call that keeps it.
 * @example
 * storedParams(ctx, fn) // async (record, queue) => { const { body } = record; await db.put({ Item: { body, queue } }) } -> [0, 1]
 */
export function storedParams(ctx: ModuleContext, fn: Node): number[] {
  if (!isFunction(fn)) return [];
  const declarators: Node[] = [];
  const calls: Node[] = [];
  someDescendant(fn.body as Node, (n) => {
    if (n.type === 'VariableDeclarator' && n.init != null) declarators.push(n);
    else if (n.type === 'CallExpression' && writes(n)) calls.push(n);
    return false;
  });
  if (calls.length === 0) return [];
  const stored: number[] = [];
  (fn.params as Node[]).forEach((param, index) => {
    const names = new Set<string>();
    boundNames(param, names);
    // Declarations read until no new name is derived (a loop body's may build on a later one).
    for (let size = -1; size !== names.size; ) {
      size = names.size;
      for (const d of declarators) if (mentions(ctx, d.init as Node, names)) boundNames(d.id as Node, names);
    }
    if (calls.some((c) => (c.arguments as Node[]).some((a) => mentions(ctx, a, names)))) stored.push(index);
  });
  return stored;
}
