// What a catch block and its try do: log, touch another system, carry a comment. Shared by the
// swallowed-error and infra-error-as-auth rules.
import { calleeName, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { localWork } from '../localWork.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { catchCommentText, leadingComments, trailingComments } from './catchComments.js';
import { clauses, commentText, undecided } from './catchDecisionWords.js';
import { moreDecisionWords } from './decisionPhrases.js';
import { docStatesContract } from './docContract.js';
import { guardedObservation } from './guardedLog.js';
import { classifyHttpCall } from './http.js';
import { logStatesDecision } from './loggedDecision.js';
import { metricUnitRecord } from './metricUnitRecord.js';
import { levelLogCall, namedLogHelper } from './namedLogCall.js';
import { nonErrorGuard } from './nonErrorRethrow.js';
import { onlyPlaceholderComments } from './placeholderComments.js';
import { promisifiedLocal } from './promisifiedLocal.js';
import { unreturnedReject } from './unreturnedReject.js';
import { unthrownError } from './unthrownError.js';

const LOGGER = /^(console|logger|log|this\.logger|this\.log|ctx\.log|context\.log|req\.log|request\.log)$/;

/**
 * An error tracker's report (`rollbar.error(err)`, `Sentry.captureException(e)`, `bugsnag.notify(e)`): it
 * records the failure somewhere else, as a log line does, and no more. Projects wrap the tracker's SDK in
 * a facade of their own, named for what it does (`capture.error(e)`, `capture.message(m)`,
 * `errorTracker.trackError(e)`, `errorReporter.report(e)`): a report all the same.
 */
const ERROR_TRACKER =
  /^(rollbar|sentry|bugsnag|honeybadger|airbrake|raygun|newrelic|capture|error[-_]?(tracker|reporter|reporting)|crash[-_]?reporter)$/i;
const TRACKER_CALL = /^(captureException|captureMessage|captureError|noticeError)$/;

/** An error tracker's report (`Sentry.captureException(e)`, `captureException(e)`), not a plain log line. */
export function isTrackerCall(node: Node): boolean {
  const n = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  const call = n?.type === 'AwaitExpression' ? unwrap(n.argument) : n;
  if (call?.type !== 'CallExpression') return false;
  const path = memberPath(call.callee);
  if (path === undefined) return false;
  return TRACKER_CALL.test(path.at(-1) ?? '') || (path.length >= 2 && ERROR_TRACKER.test(path.at(-2) ?? ''));
}

/** A log line, or an error tracker's report (see above). */
export function isLogCall(node: Node): boolean {
  const n = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  const call = n?.type === 'AwaitExpression' ? unwrap(n.argument) : n;
  if (call?.type !== 'CallExpression') return false;
  const path = memberPath(call.callee);
  // A project's log helper called by name, `logException(logger, e)` or `error('failed', e)` (namedLogCall.ts).
  if (path?.length === 1)
    return TRACKER_CALL.test(path[0] ?? '') || namedLogHelper(path[0]) || levelLogCall(call, path[0]);
  if (path === undefined || path.length < 2) return false;
  return (
    LOGGER.test(path.slice(0, -1).join('.')) ||
    /^(logger|log)$/i.test(path.at(-2) ?? '') ||
    ERROR_TRACKER.test(path.at(-2) ?? '')
  );
}

/** Statements read as observations for one judgement (assumingObservations). */
const ASSUMED = new WeakSet<Node>();

/**
 * Runs `judge` with `statements` read as observations: a call of a helper that does nothing (noopCalls.ts)
 * is no more handling than a log line. Synchronous, so no other judgement sees them so.
 *
 * @example
 * assumingObservations([slackCall], () => judgeCatch(handler)) // the catch judged as if it only logged
 */
export function assumingObservations<T>(statements: readonly Node[], judge: () => T): T {
  for (const s of statements) ASSUMED.add(s);
  try {
    return judge();
  } finally {
    for (const s of statements) ASSUMED.delete(s);
  }
}

/**
 * Comments inside a node's source range (an empty catch with a comment is a decision, not an accident),
 * unless each is a placeholder that gives no reason, or one stating a decision after it on its closing line
 * (`} catch {} // non-fatal: ...`).
 */
export function hasComment(
  ctx: ModuleContext,
  comments: readonly { start: number; end: number }[],
  node: Node,
): boolean {
  const inside = ctx.source.slice(node.start, node.end);
  // A blank `//`, a bare TODO or "use default null" gives no reason (placeholderComments.ts).
  const says =
    (comments.some((c) => c.start >= node.start && c.end <= node.end) || /\/[/*]/.test(inside)) &&
    !onlyPlaceholderComments(inside);
  return says || statesDecision(trailingComments(ctx, node));
}

/** Words of a comment that decides a failure may pass: it says the step is optional, not why it runs. */
export const BEST_EFFORT =
  /best[- ]?effort|fail(s|ing)?[- ]?(open|closed)|non[- ]?(critical|blocking|fatal|essential)|not (critical|fatal|essential)|(don'?t|do not|should not|shouldn'?t|must not|never)( want to)? (throw|fail|block|rethrow|abort|stop)|never throws|not throwing|\bno (?:re-?)?throw(?:ing)?\b|just log|log(?:s|ged)? and (?:continue|carry on|move on|go on)\b|(?:never|not|n't) (?:take|bring|pull)s? (?:[\w-]+ ){0,3}down\b|(?:is|are) (?:logged|caught)(?: and|,) not (?:re-?)?thrown|no need to (throw|fail|retry)|only clean-?up (is )?(left|needed|required)|intentional|deliberate|on purpose|rather than fail|avoid (blocking|failing|breaking)|than (to )?(fail|throw|block)|continue without|without failing|even if|degrade|optional|swallow(s|ed|ing)?(?![\w-])|ignor(e|ing)(?: [\w-]+){0,3} (errors?|failures?)\b/i;

/**
 * Comment text in the words of a decision: BEST_EFFORT, or the phrasings and languages of decisionPhrases.ts.
 * A clause on going "silently" with a TODO or negation asks for the opposite ("TODO: do not fail silently",
 * "Never fail silently here"), though BEST_EFFORT's "do not fail" is in it.
 */
export function statesDecision(text: string): boolean {
  if (text === '') return false;
  if (moreDecisionWords(text)) return true;
  const silentNo = (clause: string) => /\bsilently\b/i.test(clause) && undecided(clause);
  const kept = clauses(text).some(silentNo)
    ? clauses(text)
        .filter((c) => !silentNo(c))
        .join('\n')
    : text;
  return BEST_EFFORT.test(kept);
}

/**
 * A comment says the failure is only logged by decision: in the catch, in the few lines above the try
 * (`// Don't throw - the cancellation succeeded`, `// Best-effort: a failure here is non-blocking`), or
 * in the doc comment of the function around it (`Best-effort deletion ... Never throws`). Best effort by
 * design, as an empty catch with a comment is. A comment that only says what the try does
 * (`// Update DynamoDB with failure status`) is not such a decision. With `inCatchOnly`, only the catch's
 * own comments count.
 */
export function saysWhy(
  ctx: ModuleContext,
  tryStatement: Node,
  extra?: RegExp,
  inCatchOnly = false,
): boolean {
  const decides = (text: string) => statesDecision(text) || (extra?.test(text) ?? false);
  const handler = tryStatement.handler as Node | null;
  // The catch's own comments: inside it, after it on its closing line, and the try's own leading comment.
  const body = catchCommentText(ctx, handler);
  if (/\/[/*]/.test(body) && decides(commentText(body))) return true;
  if (decides(leadingComments(ctx, tryStatement))) return true;
  // The catch's own log line may state the decision instead (loggedDecision.ts).
  if (handler != null && logStatesDecision(handler)) return true;
  // The function's doc comment stating its failure contract ("Always resolves", "Does not throw",
  // "fail-open") decides for a default answer too (docContract.ts).
  if (docStatesContract(ctx, tryStatement)) return true;
  // Otherwise a default answer is decided only in the catch itself: a doc's "optional" may be about a parameter.
  if (inCatchOnly) return false;
  // Further up, only the English best-effort words: the other phrasings there may be a neighbour's (a
  // previous catch's "Non rilanciare") and decide nothing for this catch (catchComments.ts).
  const decidesAbove = (text: string) => BEST_EFFORT.test(text) || (extra?.test(text) ?? false);
  let from = tryStatement.start;
  for (let i = 0; i < 4 && from > 0; i++) from = ctx.source.lastIndexOf('\n', from - 1);
  if (decidesAbove(commentText(ctx.source.slice(Math.max(from, 0), tryStatement.start)))) return true;
  const fn = ctx.enclosingFunction(tryStatement);
  if (fn === undefined) return false;
  let at: Node = fn;
  for (
    let p = ctx.parentOf(fn);
    p !== undefined && !/^(Program|BlockStatement|ClassBody)$/.test(p.type);
    p = ctx.parentOf(p)
  )
    at = p;
  const before = ctx.source.slice(Math.max(0, at.start - 800), at.start).trimEnd();
  const doc = before.endsWith('*/') ? before.slice(before.lastIndexOf('/*')) : '';
  return doc !== '' && decidesAbove(doc);
}

const LOCAL_IO =
  /^(stat|lstat|access|readFile|writeFile|appendFile|mkdir|mkdtemp|readdir|rm|rmdir|unlink|rename|copyFile|open|realpath|readlink|import|parse|stringify|json|text|arrayBuffer|blob)$/;
/**
 * Presigning (`await getSignedUrl(s3, command)`, v2's `s3.getSignedUrlPromise(...)`, `createPresignedPost`)
 * computes a signature with the credentials the function holds: no request leaves it (js/presignOnly.ts).
 */
export const PRESIGN = /^(getSignedUrl|getSignedUrlPromise|createPresignedPost)$/;
const LOCAL_ROOTS = new Set(['fs', 'fsp', 'fsPromises', 'promises', 'path', 'JSON', 'zlib', 'crypto']);

/**
 * Does the try block depend on another system (an HTTP or SDK call, or an awaited call that is not
 * local file-system or parsing work)? `try { await fs.stat(p) } catch { return null }` is an existence check.
 */
export function doesIo(ctx: ModuleContext, block: Node): boolean {
  return someDescendant(block, (n) => isIoNode(ctx, n), true);
}

/** One node of {@link doesIo}'s test: a call or await that reaches another system. */
export function isIoNode(ctx: ModuleContext, n: Node): boolean {
  if (n.type === 'CallExpression' && (isSdkSend(ctx, n) || classifyHttpCall(ctx, n) !== undefined))
    return true;
  // An aws-sdk v2 request made a promise (`s3.getObject(params).promise()`), awaited or returned.
  if (
    n.type === 'CallExpression' &&
    calleeName(n) === 'promise' &&
    (n.arguments as Node[]).length === 0 &&
    unwrap(unwrap(n.callee)?.object)?.type === 'CallExpression'
  )
    return true;
  // `for await (const page of paginateScan(...))`, a response stream: async iteration reads from elsewhere.
  if (n.type === 'ForOfStatement' && n.await === true) return true;
  if (n.type !== 'AwaitExpression') return false;
  const arg = unwrap(n.argument);
  // `await sql\`DELETE ...\`` (postgres.js, @vercel/postgres, Prisma's `$queryRaw`): a tagged template
  // that is awaited is a query sent elsewhere; `String.raw` and other tags are not awaited.
  if (arg?.type === 'TaggedTemplateExpression') return true;
  if (arg?.type !== 'CallExpression' && arg?.type !== 'ImportExpression') return arg?.type === 'Identifier';
  if (arg.type === 'ImportExpression') return false;
  const name = calleeName(arg) ?? '';
  const root = memberPath(arg.callee)?.[0] ?? '';
  if (LOCAL_IO.test(name) || LOCAL_ROOTS.has(root) || PRESIGN.test(name)) return false;
  // `await gunzip(buf)` with `const gunzip = promisify(zlib.gunzip)` (promisifiedLocal.ts).
  if (promisifiedLocal(ctx, arg, LOCAL_ROOTS)) return false;
  // Hashing or image decoding in the function itself (js/localWork.ts) reaches no other system.
  return !localWork(ctx, arg);
}

/** A tracing call that records the error on a span (`span.addTags`, `segment.addError`, `tracer.addErrorAsMetadata`). */
const TRACE_OBJECT = /(span|segment|tracer|trace)$/i;

function isTraceCall(node: Node): boolean {
  const n = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  if (n?.type !== 'CallExpression') return false;
  const path = memberPath(n.callee);
  return path !== undefined && path.length >= 2 && TRACE_OBJECT.test(path.at(-2) ?? '');
}

/** A metric recorded in memory for the invocation's end, not sent: Powertools' and aws-embedded-metrics' names. */
const METRIC_RECORD = /^(addMetric|addDimension|addDimensions|addMetadata|putMetric|putDimensions)$/;

/**
 * `metrics.addMetric('Failed', MetricUnits.Count, 1)`, `single.addDimension('reason', e.message)`: a
 * count of the failure kept in memory and flushed when the handler returns. It observes the failure as
 * a log line does, and no more: the work is still lost. A project's wrapper called bare, not awaited, is
 * the same record. An awaited send (`await putMetricData(...)`) is
 * I/O of its own, and not one of these.
 */
function isMetricRecord(node: Node): boolean {
  const call = unwrap(node.type === 'ExpressionStatement' ? node.expression : node);
  return (
    call?.type === 'CallExpression' &&
    // A project's own wrapper called bare (`addMetric(MetricNames.ERROR_PUBLISHING)`) counts the same way.
    (unwrap(call.callee)?.type === 'MemberExpression' || unwrap(call.callee)?.type === 'Identifier') &&
    METRIC_RECORD.test(calleeName(call) ?? '')
  );
}

/**
 * A statement that only observes the error (a log line, a span tag, a local binding for them, or a branch
 * of such statements): it neither handles nor rethrows, so a catch made of these still drops the failure.
 */
export function isObservation(node: Node | null | undefined): boolean {
  if (node == null) return true;
  if (ASSUMED.has(node)) return true;
  if (isLogCall(node) || isTraceCall(node) || isMetricRecord(node) || metricUnitRecord(node)) return true;
  // `if (!(e instanceof Error)) throw e` rethrows no failure of another system (nonErrorRethrow.ts).
  if (nonErrorGuard(node)) return true;
  // `Promise.reject(e);` left as a statement fails nothing (unreturnedReject.ts).
  if (unreturnedReject(node)) return true;
  // `new VisibleError('...', { cause: e });` built and dropped hands nothing on (unthrownError.ts).
  if (unthrownError(node)) return true;
  if (node.type === 'VariableDeclaration')
    return !someDescendant(node, (n) => n.type === 'AwaitExpression' || n.type === 'ThrowStatement', true);
  if (node.type === 'BlockStatement') return (node.body as Node[]).every((s) => isObservation(s));
  if (node.type === 'IfStatement')
    return isObservation(node.consequent as Node) && isObservation(node.alternate as Node | null);
  // `try { console.error(JSON.stringify(e)) } catch { /* ignore */ }` (guardedLog.ts).
  return guardedObservation(node, isObservation);
}
