// swallowed-error: a catch that hands the failure to a report (a chat or alert channel, an error tracker:
// `await sendSlackError(req, err)`, `Sentry.captureException(err)`) and then answers the request 2xx
// (`res.status(200).send(...)`, `return { statusCode: 200 }`). Someone may read the report, but the sender
// is told the request succeeded: a webhook sender (Stripe, GitHub) marks the event delivered and never
// redelivers it, a client does not retry, and the work is lost. The report is an observation, not an
// answer; the answer is what the sender acts on. A catch that answers 5xx after alerting is right.
import { calleeName, type Node, someDescendant, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answeredOnPurpose } from './ackComment.js';
import { isObservation, isTrackerCall } from './catchFacts.js';
import type { Report } from './Report.js';
import { responseParam } from './routeAnswer.js';
import { constant2xxObject, is2xx } from './successStatus.js';

/**
 * A report names its channel (`notifySlack`, `sendAlert`, `postToChat`, `pageOnCall`, `sendErrorMail`): one
 * shared pattern for the callee's name. A plain log is not a report here.
 */
const REPORT_CALLEE = /report|notify|alert|slack|discord|teams|telegram|chat|page|sendError|mail/i;

/**
 * The request's payload in `fn`: `req.body` on a route, the event (and `event.body`) of a handler, and the
 * local names bound from them (`const delivery = JSON.parse(event.body)`). A call handing these on keeps the
 * work (a retry queue, a dead-letter queue, a failed-events store): it is not a report.
 */
function payloadNames(fn: Node | undefined, route: boolean): (n: Node) => boolean {
  const first = unwrap((fn?.params as Node[] | undefined)?.[0]);
  const req = first?.type === 'Identifier' ? (first.name as string) : undefined;
  const direct = (n: Node): boolean =>
    req !== undefined &&
    ((n.type === 'MemberExpression' &&
      unwrap(n.object as Node)?.type === 'Identifier' &&
      unwrap(n.object as Node)?.name === req &&
      unwrap(n.property as Node)?.name === 'body') ||
      (!route && n.type === 'Identifier' && n.name === req));
  const bound = new Set<string>();
  if (fn !== undefined)
    someDescendant(fn.body as Node, (n) => {
      if (n.type === 'VariableDeclarator' && unwrap(n.id as Node)?.type === 'Identifier' && n.init != null)
        if (someDescendant(wrap(n.init as Node), direct)) bound.add(unwrap(n.id as Node)?.name as string);
      return false;
    });
  return (n) => direct(n) || (n.type === 'Identifier' && bound.has(n.name as string));
}

/**
 * `await notifySlack(err)`, `Sentry.captureException(err)`, `await postToChat(req, 'sync failed')`: a statement
 * handing the failure to a report channel (REPORT_CALLEE) or an error tracker, never one handing on the payload.
 */
function reportsFailure(s: Node, payload: (n: Node) => boolean = () => false): boolean {
  if (s.type !== 'ExpressionStatement') return false;
  let e = unwrap(s.expression as Node);
  if (e?.type === 'AwaitExpression') e = unwrap(e.argument as Node);
  if (e?.type !== 'CallExpression') return false;
  if ((e.arguments as Node[]).some((a) => someDescendant(wrap(a), payload))) return false;
  return isTrackerCall(s) || REPORT_CALLEE.test(calleeName(e) ?? '');
}

/** `res.status(200).send(...)`, `res.sendStatus(204)`: the chain answers through `res` with a 2xx status. */
function routeSuccess(expression: Node | null | undefined, res: string): boolean {
  let e = unwrap(expression);
  let success = false;
  while (e?.type === 'CallExpression') {
    const callee = unwrap(e.callee);
    if (callee?.type !== 'MemberExpression') return false;
    const name = calleeName(e);
    if ((name === 'status' || name === 'sendStatus') && is2xx((e.arguments as Node[])[0])) success = true;
    else if (name === 'status' || name === 'sendStatus') return false;
    e = unwrap(callee.object as Node);
  }
  return success && e?.type === 'Identifier' && e.name === res;
}

/**
 * Reports a catch, around I/O on a handler's or a route's path, whose statements only observe or report the
 * caught error, at least one of them a report, and whose last answers 2xx. True when reported.
 *
 * @example
 * // router.post('/stripe', async (req, res) => { try { ... } catch (err) { await notifySlack(err); return res.status(200).end() } })
 * reportedSuccessRule(ctx, handler, true, report) // true
 */
export function reportedSuccessRule(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  const statements = (handler.body as Node).body as Node[];
  const last = statements.at(-1);
  if (!io || last === undefined) return false;
  const fn = ctx.enclosingFunction(handler);
  const res = fn === undefined ? undefined : responseParam(ctx, fn);
  const payload = payloadNames(fn, res !== undefined);
  const before = statements.slice(0, -1);
  if (!before.some((s) => reportsFailure(s, payload))) return false;
  if (!before.every((s) => isObservation(s) || reportsFailure(s, payload))) return false;
  const answer =
    last.type === 'ReturnStatement'
      ? (last.argument as Node | null)
      : last.type === 'ExpressionStatement'
        ? (last.expression as Node)
        : null;
  const success =
    (res !== undefined && routeSuccess(answer, res)) ||
    (last.type === 'ReturnStatement' &&
      ctx.handlerKindAt(handler) !== undefined &&
      constant2xxObject(answer));
  if (!success) return false;
  // A comment saying why (an event acknowledged on purpose, to stop redelivery of a poison event) is a decision.
  if (answeredOnPurpose(ctx, handler)) return false;
  report(
    'swallowed-error',
    handler,
    'catch reports the failure (an alert, a chat message, an error tracker) and answers 2xx: the sender is told the request succeeded, so a webhook is never redelivered and a client does not retry, and the work is lost',
  );
  return true;
}
