// swallowed-error: a catch in a Slack Bolt listener that only logs. A listener (`app.action(id, async ({ ack,
// body, client }) => ...)`, and `view`, `command`, `shortcut`, `event`, `message`) is a callback: no Lambda
// handler path reaches it, so the handler-path judgement (swallowed.ts) never sees it. Bolt acknowledges the
// request to Slack with `ack()` (events and messages are acknowledged for the listener), and after that
// Slack shows the user nothing: a catch that only logs leaves the click, the command or the modal
// submission silently doing nothing (no error reply through `respond`, `say`, `chat.postEphemeral`, and no
// rethrow to the app's error handler), while the user believes it worked. A listener kept in a module of its
// own and registered elsewhere is known by its Slack-only arguments (ackListener).

import {
  forEachDescendant,
  isFunction,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { bestEffortByDecision } from './bestEffortCatch.js';
import { doesIo, isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** Bolt's listener registrations whose callback does the user's work. */
const LISTENS = /^(?:action|view|command|shortcut|event|message)$/;

/** Arguments Bolt hands a listener: a callback that destructures one of these is written for Bolt. */
const BOLT_ARGS =
  /^(?:ack|say|respond|client|body|payload|action|view|command|shortcut|event|message|context)$/;

const listenersOf = new WeakMap<ModuleContext, ReadonlySet<Node>>();

/** The names the listener's first parameter destructures (`{ ack, body, client }`). */
function destructured(fn: Node): string[] {
  const first = (fn.params as Node[])[0];
  const pattern = first?.type === 'AssignmentPattern' ? first.left : first;
  if (pattern?.type !== 'ObjectPattern') return [];
  return (pattern.properties as Node[])
    .map((p) => (p.type === 'Property' ? propertyName(p.key) : undefined))
    .filter((n): n is string => n !== undefined);
}

/**
 * The module's Bolt listeners: the function handed last to `<app>.action|view|...(...)` (inline, or a
 * function of the module by name), when it destructures Bolt's arguments. The module must name
 * `@slack/bolt` (a cheap text test before any walk): Bolt's listeners are typed or registered through it.
 */
function boltListeners(ctx: ModuleContext): ReadonlySet<Node> {
  let found = listenersOf.get(ctx);
  if (found !== undefined) return found;
  const listeners = new Set<Node>();
  if (ctx.spells('@slack/bolt'))
    for (const call of ctx.of('CallExpression')) {
      const callee = unwrap(call.callee as Node);
      if (callee?.type !== 'MemberExpression' || !LISTENS.test(propertyName(callee.property) ?? '')) continue;
      const args = call.arguments as Node[];
      if (args.length === 0) continue;
      const fn = isFunction(unwrap(args.at(-1))) ? unwrap(args.at(-1)) : ctx.functionOf(args.at(-1));
      if (fn !== undefined && destructured(fn).some((n) => BOLT_ARGS.test(n))) listeners.add(fn);
    }
  found = listeners;
  listenersOf.set(ctx, found);
  return found;
}

/**
 * Does the try call Slack through the listener's client (`client.views.open(...)`, `client.chat.update(...)`)?
 * doesIo takes a method named `open` for a local file's: a Web API method is a request to Slack.
 */
function callsSlack(block: Node): boolean {
  return someDescendant(
    block,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const path = memberPath(n.callee as Node);
      return path !== undefined && path.length >= 3 && path[0] === 'client';
    },
    true,
  );
}

/**
 * A listener written in a module of its own and registered elsewhere (`export const onApprove = async ({ ack,
 * body, client }) => ...`, Bolt's template keeps one per file, often with no import of Bolt): it destructures
 * `ack` with an argument only Slack's listeners get (`respond`, `say`, a `view`, `action`, `command` or
 * `shortcut` payload, or the `client` and `body` pair). A queue consumer's `{ ack, message }` is not one.
 */
function ackListener(fn: Node): boolean {
  if (!isFunction(fn)) return false;
  const names = destructured(fn);
  if (!names.includes('ack')) return false;
  return (
    names.some((n) => /^(?:respond|say|view|action|command|shortcut)$/.test(n)) ||
    (names.includes('client') && names.includes('body'))
  );
}

/** Does `node` call the listener's `ack` (`await ack()`, `ack({ response_action: 'errors', ... })`)? */
function callsAck(node: Node): boolean {
  return someDescendant(
    node,
    (n) => n.type === 'CallExpression' && memberPath(n.callee as Node)?.join('.') === 'ack',
    true,
  );
}

/**
 * Reports a Bolt listener's catch that only logs (see above), and answers whether it reported. Judged
 * only where the listener's own body holds the try, with nothing after it but log lines or further steps
 * that cannot fail (quiet, when the try is the listener's last work: lastStep): the try is the listener's
 * work and its failure ends the listener. Not reported: a catch that tells the user or
 * rethrows (it does not only log), a listener that acknowledges only after the try or after the try's work
 * (without its `ack()` Slack tells the user the app did not answer), a try with no I/O, and a catch decided best-effort
 * (a comment, a fallback the code after reads: bestEffortByDecision).
 *
 * @example
 * boltListenerCatch(ctx, handler, report) // `app.action('done', async ({ ack, client }) => { await ack(); try { await client.chat.update(...) } catch (e) { logger.error(e) } })`
 */
export function boltListenerCatch(ctx: ModuleContext, handler: Node, report: Report): boolean {
  const listeners = boltListeners(ctx);
  const tryStatement = ctx.parentOf(handler) as Node;
  const body = ctx.parentOf(tryStatement);
  const fn = body === undefined ? undefined : ctx.parentOf(body);
  if (fn === undefined || body?.type !== 'BlockStatement' || !(listeners.has(fn) || ackListener(fn)))
    return false;
  const statements = body.body as Node[];
  const at = statements.indexOf(tryStatement);
  const caught = (handler.body as Node).body as Node[];
  if (caught.length === 0 || !caught.every((s) => isObservation(s) || isBareReturn(s))) return false;
  const after = statements.slice(at + 1);
  if (
    !after.every((s) => isObservation(s)) &&
    !(after.every((s) => quiet(s)) && lastStep(tryStatement, after))
  )
    return false;
  // A listener given `ack` must have called it before the try: otherwise Slack reports the failure itself.
  // Its first statement in the try counts too (Bolt's own template: `try { await ack(); ... } catch (e) { logger.error(e) }`).
  const first = ((tryStatement.block as Node).body as Node[])[0];
  if (
    destructured(fn).includes('ack') &&
    !statements.slice(0, at).some((s) => callsAck(s)) &&
    !(first !== undefined && callsAck(first))
  )
    return false;
  if (
    !(doesIo(ctx, tryStatement.block as Node) || callsSlack(tryStatement.block as Node)) ||
    bestEffortByDecision(ctx, tryStatement, undefined)
  )
    return false;
  report(
    'swallowed-error',
    handler,
    "catch in a Slack Bolt listener only logs: Slack was already answered, so the user's action silently does nothing; tell the user (respond, say, chat.postEphemeral) or rethrow to the app's error handler",
  );
  return true;
}

/**
 * A statement after the try that neither answers the user nor fails: a log line, a local binding, or a
 * further step in a try of its own whose catch only logs (`if (post) { try { await client.chat.postMessage(...) }
 * catch (e) { logger.error(e) } }`). After such steps the listener still ends as if the work was done.
 */
function quiet(s: Node | null | undefined): boolean {
  if (s == null || isObservation(s)) return true;
  if (s.type === 'BlockStatement') return (s.body as Node[]).every((t) => quiet(t));
  if (s.type === 'IfStatement') return quiet(s.consequent as Node) && quiet(s.alternate as Node | null);
  if (s.type !== 'TryStatement' || s.finalizer != null || s.handler == null) return false;
  return ((s.handler as Node).body as Node).body.every((t: Node) => isObservation(t));
}

/**
 * The try is the listener's work, not a step that prepares the rest: it does not return from the listener
 * (a dedup or permission gate the rest then passes anyway) and sets nothing the later steps read (a
 * lookup the code after falls back from, `senderName = (await client.users.info(...)).user.name`).
 */
function lastStep(tryStatement: Node, after: Node[]): boolean {
  const block = tryStatement.block as Node;
  if (someDescendant(block, (n) => n.type === 'ReturnStatement', true)) return false;
  const set = new Set<string>();
  forEachDescendant(block, (n) => {
    if (n.type === 'AssignmentExpression' && unwrap(n.left as Node)?.type === 'Identifier')
      set.add(unwrap(n.left as Node)?.name as string);
    return true;
  });
  if (set.size === 0) return true;
  return !after.some((s) =>
    someDescendant(s, (n) => n.type === 'Identifier' && set.has(n.name as string), true),
  );
}

function isBareReturn(s: Node): boolean {
  return s.type === 'ReturnStatement' && s.argument == null;
}
