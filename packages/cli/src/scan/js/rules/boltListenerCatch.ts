// swallowed-error: a catch in a Slack Bolt listener that only logs. A listener (`app.action(id, async ({ ack,
// body, client }) => ...)`, and `view`, `command`, `shortcut`, `event`, `message`) is a callback: no Lambda
// handler path reaches it, so the handler-path judgement (swallowed.ts) never sees it. Bolt acknowledges the
// request to Slack with `ack()`, and after that Slack shows the user nothing: a catch that only logs leaves the
// click, the command or the modal submission silently doing nothing (no error reply through `respond`, `say`,
// `chat.postEphemeral`, and no rethrow to the app's error handler), while the user believes it worked. An
// `event` or `message` listener has no ack: there the catch ends the listener as if the work was done, so the
// delivery counts as handled (under `processBeforeResponse` a throw would have Slack retry it). A listener
// kept in a module of its own and registered elsewhere is known by its Slack-only arguments (ackListener).

import {
  forEachDescendant,
  isFunction,
  memberPath,
  type Node,
  propertyName,
  someDescendant,
  unwrap,
} from '../ast.js';
import { boundNames } from '../heldRecord.js';
import type { ModuleContext } from '../ModuleContext.js';
import { bestEffortByDecision, sideChannelOnly } from './bestEffortCatch.js';
import { doesIo, isObservation } from './catchFacts.js';
import { ioHandledInside } from './handledInside.js';
import type { Report } from './Report.js';
import { localTokenCheck } from './silentCatch.js';

/** Bolt's listener registrations whose callback does the user's work. */
const LISTENS = /^(?:action|view|command|shortcut|event|message)$/;

/** Arguments only Bolt hands a listener (`event`, `body`, `payload` are names any callback may use). */
const BOLT_ARGS = /^(?:ack|say|respond|client)$/;

/** Registrations whose request the listener must acknowledge itself; `event` and `message` have no ack. */
const ACKED = /^(?:action|view|command|shortcut)$/;

const listenersOf = new WeakMap<ModuleContext, ReadonlyMap<Node, string>>();

/** The listener's local name for each argument its first parameter destructures (`{ ack: acknowledge }` -> ack: acknowledge). */
function destructured(fn: Node): Map<string, string> {
  const first = (fn.params as Node[])[0];
  const pattern = first?.type === 'AssignmentPattern' ? first.left : first;
  const names = new Map<string, string>();
  if (pattern?.type !== 'ObjectPattern') return names;
  for (const p of pattern.properties as Node[]) {
    const key = p.type === 'Property' ? propertyName(p.key) : undefined;
    const local = key === undefined ? undefined : boundNames(p.value as Node)[0];
    if (key !== undefined && local !== undefined) names.set(key, local);
  }
  return names;
}

/**
 * The module's Bolt listeners, each with its registration: the function handed last to
 * `<app>.action|view|...(...)` (inline, or a function of the module by name), when it destructures an
 * argument only Bolt gives (`ack`, `say`, `respond`, `client`). The module must import or require
 * `@slack/bolt` (a comment naming it is not enough): Bolt's listeners are typed or registered through it.
 */
function boltListeners(ctx: ModuleContext): ReadonlyMap<Node, string> {
  let found = listenersOf.get(ctx);
  if (found !== undefined) return found;
  const listeners = new Map<Node, string>();
  if (ctx.spells('@slack/bolt') && [...ctx.imports.values()].some((imp) => imp.source === '@slack/bolt'))
    for (const call of ctx.of('CallExpression')) {
      const callee = unwrap(call.callee as Node);
      if (callee?.type !== 'MemberExpression' || !LISTENS.test(propertyName(callee.property) ?? '')) continue;
      const args = call.arguments as Node[];
      if (args.length === 0) continue;
      const fn = isFunction(unwrap(args.at(-1))) ? unwrap(args.at(-1)) : ctx.functionOf(args.at(-1));
      const method = propertyName(callee.property) as string;
      if (fn !== undefined && [...destructured(fn).keys()].some((n) => BOLT_ARGS.test(n)))
        listeners.set(fn, method);
    }
  found = listeners;
  listenersOf.set(ctx, found);
  return found;
}

/**
 * Does `node` call Slack through the listener's own `client` argument (`client.views.open(...)`,
 * `client.chat.update(...)`)? doesIo takes a method named `open` for a local file's: a Web API method is a
 * request to Slack. A `client` the listener did not get from Bolt (a database pool) is not Slack's.
 */
function callsSlack(node: Node, client: string | undefined): boolean {
  if (client === undefined) return false;
  return someDescendant(
    node,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const path = memberPath(n.callee as Node);
      return path !== undefined && path.length >= 3 && path[0] === client;
    },
    true,
  );
}

/** A statement that only answers Slack (`await ack()`, `await respond(...)`, `say(...)`): not the try's work. */
function answersSlack(s: Node, names: Map<string, string>): boolean {
  if (s.type !== 'ExpressionStatement') return false;
  let e = unwrap(s.expression as Node);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  if (e?.type !== 'CallExpression') return false;
  const callee = unwrap(e.callee as Node);
  return (
    callee?.type === 'Identifier' && ['ack', 'respond', 'say'].some((arg) => names.get(arg) === callee.name)
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
  const names = [...destructured(fn).keys()];
  if (!names.includes('ack')) return false;
  return (
    names.some((n) => /^(?:respond|say|view|action|command|shortcut)$/.test(n)) ||
    (names.includes('client') && names.includes('body'))
  );
}

/** Does `node` call the listener's `ack` by its local name (`await ack()`, `acknowledge({ response_action: 'errors' })`)? */
function callsAck(node: Node, ack: string | undefined): boolean {
  if (ack === undefined) return false;
  return someDescendant(
    node,
    (n) => n.type === 'CallExpression' && memberPath(n.callee as Node)?.join('.') === ack,
    true,
  );
}

/**
 * Reports a Bolt listener's catch that only logs (see above), and answers whether it reported. Judged
 * only where the listener's own body holds the try, with nothing after it but log lines or further steps
 * that cannot fail (quiet, when the try is the listener's last work: lastStep): the try is the listener's
 * work and its failure ends the listener. Not reported: a catch that does anything but log (tells the
 * user, rethrows, or any other step such as `await db.markFailed(id)`), a listener that acknowledges only after the try or after the try's work
 * (without its `ack()` Slack tells the user the app did not answer), a try with no I/O once ack, respond and say are set aside, best-effort telemetry, and a catch decided best-effort
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
  // An action, view, command or shortcut listener (or one known by its ack) must have called ack() before
  // the try, or as the try's first statement (Bolt's template): otherwise Slack reports the failure itself.
  // An event or message listener has no ack to call.
  const names = destructured(fn);
  const block = tryStatement.block as Node;
  const inTry = block.body as Node[];
  const method = listeners.get(fn);
  if (
    (method === undefined || ACKED.test(method)) &&
    !statements.slice(0, at).some((s) => callsAck(s, names.get('ack'))) &&
    !(inTry[0] !== undefined && callsAck(inTry[0], names.get('ack')))
  )
    return false;
  // The try's work is what is left once its answers to Slack (ack, respond, say) are set aside; then the
  // exemptions every swallowed-error path applies (telemetry, handled inside, a local token check).
  const work = inTry.filter((s) => !answersSlack(s, names));
  if (
    !work.some((s) => doesIo(ctx, s) || callsSlack(s, names.get('client'))) ||
    ioHandledInside(ctx, block) ||
    sideChannelOnly(ctx, tryStatement) ||
    localTokenCheck(ctx, block) ||
    bestEffortByDecision(ctx, tryStatement, undefined)
  )
    return false;
  report(
    'swallowed-error',
    handler,
    "catch in a Slack Bolt listener only logs: the listener ends as if its work was done (Slack already has the ack, or for an event the delivery counts as handled and is not retried), so the user's action silently does nothing; tell the user (respond, say, chat.postEphemeral) or rethrow to the app's error handler",
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
    // `name = ...` or `meta.name = ...`: a later step reading `name` or `meta` reads what the try set.
    const target = n.type === 'AssignmentExpression' ? rootName(n.left as Node) : undefined;
    if (target !== undefined) set.add(target);
    return true;
  });
  if (set.size === 0) return true;
  return !after.some((s) =>
    someDescendant(s, (n) => n.type === 'Identifier' && set.has(n.name as string), true),
  );
}

/** The variable an assignment target writes into (`name`, the `meta` of `meta.user.name`). */
function rootName(target: Node | undefined): string | undefined {
  const t = unwrap(target);
  if (t?.type === 'Identifier') return t.name as string;
  return t?.type === 'MemberExpression' ? rootName(t.object as Node) : undefined;
}

function isBareReturn(s: Node): boolean {
  return s.type === 'ReturnStatement' && s.argument == null;
}
