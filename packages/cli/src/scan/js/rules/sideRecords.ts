// insert-no-upsert: a delivery or attempt log written after the outbound send it records (a mail log after
// the mail, a webhook log after the POST) repeats only because the send was repeated. A redelivery sends
// again and the second row truthfully records that second send: the duplicate is the send's, not the log's,
// and keying the log would hide the repeat. A history or events row beside a status update is not excused:
// the update itself is idempotent, so its second row records nothing new and is the duplicate the rule is
// for. A record that is the handler's whole job (an audit consumer's one insert) is a finding too.
import { calleeName, memberPath, type Node, rootIdentifier, stringValue, unwrap } from '../ast.js';
import { classifyHttpCall } from '../httpCall.js';
import type { ModuleContext } from '../ModuleContext.js';
import { readName, verbOf } from './ioVerbs.js';
import { precedingCalls } from './precedingCalls.js';
import { drizzleTable } from './replacedFirst.js';

/** The words a table, model or collection name ends in when it records what happened. */
const RECORD_WORD = /^(log|logs|audit|history|events)$/;

/**
 * Is `name` (`deliveryLog`, `mail_delivery_log`, `logs`, `LOGS`) named for a record of what happened?
 * Judged by its last camelCase/snake_case word, so `productCatalog` or `blog` is no log; a bare `events`
 * is the app's own entity (a calendar's events), and an outbox's events are the messages it publishes,
 * which a second row publishes twice.
 */
export function recordName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\W]+/)
    .filter((w) => w !== '');
  const last = words.at(-1) ?? '';
  if (!RECORD_WORD.test(last) || words.includes('outbox')) return false;
  return last !== 'events' || words.length > 1;
}

/** A send the function makes (`sendEmail(...)`, `ses.send(new SendEmailCommand(...))`): work a redelivery repeats. */
const SEND_NAME = /^send([A-Z]\w*)?$/;

/** Objects whose `send` answers the caller (`res.send(...)`, `reply.send(...)`): nothing went out. */
const RESPONSE = /^(res|reply|response|ctx)$/;

/**
 * The table an insert writes: a Drizzle/Kysely table (`db.insert(deliveryLog).values(...)`), a Mongo
 * collection (`db.collection('logs').insertOne(...)`, `collection(Collections.LOGS)`), a Prisma model
 * (`db.deliveryLog.create(...)`).
 */
function insertedTable(ctx: ModuleContext, call: Node): string | undefined {
  const name = calleeName(call);
  if (name === 'insert') return drizzleTable(ctx, call);
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
 * An outbound send on every path to the insert: a send that is no read and no receive, to no response
 * object, or an HTTP request that is no read (a POST, not a GET).
 */
function sentBefore(ctx: ModuleContext, insert: Node): boolean {
  return precedingCalls(ctx, insert).some((n) => {
    if (SEND_NAME.test(calleeName(n) ?? '')) {
      const callee = unwrap(n.callee);
      const receiver =
        callee?.type === 'MemberExpression' ? rootIdentifier(callee.object as Node) : undefined;
      if (RESPONSE.test(receiver ?? '')) return false;
      // A send that only reads (`ddb.send(new GetCommand(...))`, `sqs.send(new ReceiveMessageCommand(...))`).
      const verb = verbOf(ctx, n);
      return !readName(verb) && !/^Receive/.test(verb);
    }
    const http = classifyHttpCall(ctx, n);
    return http?.method !== undefined && !/^(get|head|options)$/i.test(http.method);
  });
}

/**
 * Is `insert` a delivery or attempt log of an outbound send made on every path to it in its function (a
 * log, audit, history or events table written after a send or a POST)? Such a row repeats with the send.
 *
 * @example
 * sideRecord(ctx, call) // true for db.insert(deliveryLog).values(...) after await sendEmail(...)
 */
export function sideRecord(ctx: ModuleContext, insert: Node): boolean {
  const table = insertedTable(ctx, insert);
  return table !== undefined && recordName(table) && sentBefore(ctx, insert);
}
