// insert-no-upsert: a row that records what the same function just did (a delivery log after the send, a
// task event after the status update) repeats only because the work it records was repeated. A redelivery
// sends again or moves the status again, and the second row truthfully records that: the duplicate is the
// work's, not the log's, and keying the log would hide the repeat. Readers label these traps across the
// working set (delivery logs, status history lines beside the status update), while a record that is the
// handler's whole job (an audit consumer's one insert, an activity log written per message, usage rows that
// are billed) stays a finding: only a record that follows other work in its function is left alone.
import {
  calleeName,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  stringValue,
  unwrap,
} from '../ast.js';
import { classifyHttpCall } from '../httpCall.js';
import type { ModuleContext } from '../ModuleContext.js';
import { readName, verbOf } from './ioVerbs.js';

/** A table, model or collection named for a record of what happened: a log, an audit trail, a history, events. */
const RECORD_NAME = /(log|logs|audit|history|events)$/i;

/** A send the function makes (`sendEmail(...)`, `ses.send(new SendEmailCommand(...))`): work a redelivery repeats. */
const SEND_NAME = /^send([A-Z]\w*)?$/;

/** The member a chained statement is built with (`db.insert(t).values(...)`): `values`. */
function chainedMember(ctx: ModuleContext, call: Node): string | undefined {
  const member = ctx.parentOf(call);
  return member?.type === 'MemberExpression' && member.object === call
    ? propertyName(member.property as Node, member.computed as boolean)
    : undefined;
}

/**
 * The table a write names: a Drizzle/Kysely table (`db.insert(taskEvents)`, `db.update(tasks)`), a Mongo
 * collection (`db.collection('logs').insertOne(...)`, `collection(Collections.LOGS)`), a Prisma model
 * (`db.deliveryLog.create(...)`).
 */
function writtenTable(ctx: ModuleContext, call: Node): string | undefined {
  const name = calleeName(call);
  const args = call.arguments as Node[];
  const first = unwrap(args[0]);
  if (/^(insert|update|delete)$/.test(name ?? '') && args.length === 1 && first?.type === 'Identifier')
    return chainedMember(ctx, call) === undefined ? undefined : (first.name as string);
  const callee = unwrap(call.callee);
  const holder = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  if ((name === 'insertOne' || name === 'insertMany') && holder?.type === 'CallExpression') {
    const named = unwrap((holder.arguments as Node[])[0]);
    const text = stringValue(ctx.valueOf(named) ?? named);
    if (text !== undefined) return text;
    return named?.type === 'MemberExpression' ? memberPath(named)?.at(-1) : undefined;
  }
  if (name === 'create' || name === 'createMany') return memberPath(call.callee)?.at(-2);
  return undefined;
}

/**
 * Work before `insert` in its own function that a redelivery repeats and the record records: an outbound
 * request that is no read (a POST), a send that is no read, or a statement on another table that is no record
 * itself (`db.update(tasks)`).
 */
function workBefore(ctx: ModuleContext, insert: Node): boolean {
  const fn = ctx.enclosingFunction(insert);
  if (fn === undefined) return false;
  return someDescendant(
    fn,
    (n) => {
      if (n.type !== 'CallExpression' || n.end > insert.start) return false;
      // A send that only reads (`ddb.send(new GetCommand(...))`) or a GET did no work to record.
      if (SEND_NAME.test(calleeName(n) ?? '')) return !readName(verbOf(ctx, n));
      const http = classifyHttpCall(ctx, n);
      if (http !== undefined) return http.method !== undefined && !/^(get|head|options)$/i.test(http.method);
      const table = writtenTable(ctx, n);
      return (
        table !== undefined &&
        !RECORD_NAME.test(table) &&
        /^(insert|update|delete)$/.test(calleeName(n) ?? '')
      );
    },
    true,
  );
}

/**
 * Is `insert` a record of the work its function did just before it (a log, audit, history or events table
 * written after a send, a request, or a write to another table)? Such a row repeats with the work.
 *
 * @example
 * sideRecord(ctx, call) // true for db.insert(deliveryLog).values(...) after await sendEmail(...)
 */
export function sideRecord(ctx: ModuleContext, insert: Node): boolean {
  const table = writtenTable(ctx, insert);
  return table !== undefined && RECORD_NAME.test(table) && workBefore(ctx, insert);
}
