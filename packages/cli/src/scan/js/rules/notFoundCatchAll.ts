// swallowed-error: a catch around an S3 object read (HeadObject, GetObject) that answers "not found" (404,
// `NOT_FOUND`, `res.sendStatus(404)`) for every failure, never looking at what failed. S3 answers a missing
// key with a throw, so the catch written for it also takes a throttle, an outage, an access-denied or a
// timeout for "this does not exist": the client does not retry a 404 and no 5xx alarm counts it. A catch
// that tests the error first (`error.name === 'NoSuchKey'`, `$metadata.httpStatusCode === 404`) answers 404
// only for the absence it means and is not this.
import {
  calleeName,
  forEachDescendant,
  isFunction,
  memberPath,
  type Node,
  rootIdentifier,
  someDescendant,
  unwrap,
  wrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, saysWhy } from './catchFacts.js';
import { answersAbsent, onlyProbes, PROBE_MESSAGE } from './existenceProbe.js';
import type { Report } from './Report.js';
import { callsS3Object } from './s3ObjectCalls.js';

const NOT_FOUND_NAME = /^(?:NOT_?FOUND|notFound|NotFound|HTTP_NOT_FOUND|STATUS_NOT_FOUND)$/;
const STATUS_FIELD = /^(?:statusCode|status|code|httpStatus)$/;
const STATUS_CALL = /^(?:status|sendStatus|code)$/;

export function is404(n: Node | null | undefined): boolean {
  const v = unwrap(n);
  if (v?.type === 'Literal') return v.value === 404;
  return v?.type === 'MemberExpression' && NOT_FOUND_NAME.test(memberPath(v)?.at(-1) ?? '');
}

/** Some node of `body` answers 404: `{ statusCode: 404 }`, `res.status(404)`, `status.NOT_FOUND`, `notFound(...)`. */
export function answersNotFound(body: Node): boolean {
  let found = false;
  forEachDescendant(wrap(body), (n) => {
    if (found) return;
    if (n.type === 'Property' && !n.computed && STATUS_FIELD.test(unwrap(n.key as Node)?.name ?? ''))
      found = is404(n.value as Node);
    else if (n.type === 'CallExpression') {
      const name = calleeName(n);
      if (name !== undefined && STATUS_CALL.test(name)) found = is404((n.arguments as Node[])[0]);
      // `fail(stream, 404, 'Content not found')`: a project's answer helper handed the status.
      else if ((n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Literal' && unwrap(a)?.value === 404))
        found = true;
      else if (name !== undefined && NOT_FOUND_NAME.test(name)) found = true;
    } else if (n.type === 'MemberExpression' && is404(n)) found = true;
  });
  return found;
}

/**
 * The caught value's names: the parameter and what is read from it (`const err = error as { statusCode?:
 * number }`, `const status = error.$metadata?.httpStatusCode`), in declaration order.
 */
function caughtNames(body: Node, param: string): Set<string> {
  const names = new Set([param]);
  const declarators: Node[] = [];
  forEachDescendant(wrap(body), (n) => {
    if (n.type === 'VariableDeclarator' && n.id?.type === 'Identifier') declarators.push(n);
  });
  for (const d of declarators.sort((a, b) => (a.start as number) - (b.start as number)))
    if (someDescendant(wrap(d.init as Node), (m) => m.type === 'Identifier' && names.has(m.name as string)))
      names.add(d.id.name as string);
  return names;
}

/** The catch looks at what failed: a test (if, switch, ternary, && / ||) that reads the caught value. */
function testsError(body: Node, param: string | undefined): boolean {
  if (param === undefined) return false;
  const names = caughtNames(body, param);
  let tested = false;
  const mentions = (n: Node | undefined) => {
    let seen = false;
    if (n !== undefined)
      forEachDescendant(wrap(n), (m) => {
        if (m.type === 'Identifier' && names.has(m.name as string)) seen = true;
      });
    return seen;
  };
  forEachDescendant(wrap(body), (n) => {
    if (tested) return;
    if (n.type === 'IfStatement' || n.type === 'ConditionalExpression') tested = mentions(n.test as Node);
    else if (n.type === 'SwitchStatement') tested = mentions(n.discriminant as Node);
    else if (n.type === 'LogicalExpression' && n.operator !== '??')
      tested =
        mentions(n.left as Node) && !/^(?:message|stack)$/.test(unwrap(n.left as Node)?.property?.name ?? '');
    // A guard helper reading the error (`isNotFound(err)`, `isAwsErrorName(err, 'NoSuchKey')`) tests it too.
    else if (n.type === 'CallExpression' && /^is[A-Z]/.test(calleeName(n) ?? ''))
      tested = (n.arguments as Node[]).some((a) => mentions(a));
  });
  return tested;
}

/** A catch's own test: no throw of something other than a not-found answer, no test of the error. */
function catchAll(body: Node, param: string | undefined): boolean {
  let rethrows = false;
  forEachDescendant(wrap(body), (n) => {
    if (n.type === 'ThrowStatement' && !answersNotFound(n)) rethrows = true;
  });
  return !rethrows && !testsError(body, param) && answersNotFound(body);
}

/**
 * An S3 object read: `s3.headObject(...)`, `s3.getObject(...)`, `new HeadObjectCommand(...)`. A missing key is
 * answered by a throw (NoSuchKey, NotFound), so a catch meant for it catches every other failure as well. A
 * read whose absence is an empty answer (DynamoDB's GetItem) gives a catch nothing to conflate.
 */
function readsS3Object(block: Node): boolean {
  return callsS3Object(block, ['Head', 'Get']);
}

/** Request values a framework hands in (Next.js `await params`, `cookies()`, `headers()`): nothing remote. */
const REQUEST_VALUES = /^(?:params|searchParams|cookies|headers|draftMode)$/;

/**
 * A call that reaches another system: an SDK send, an HTTP call, a v2 `.promise()`, or an awaited call of
 * an imported or module-declared function (`await getGame(id)`). Not an awaited identifier (`await params`)
 * nor a request value.
 */
function remoteCall(ctx: ModuleContext, n: Node): boolean {
  if (n.type !== 'AwaitExpression') return n.type === 'CallExpression' && isIoNode(ctx, n);
  const arg = unwrap(n.argument as Node);
  if (arg?.type !== 'CallExpression' || !isIoNode(ctx, n)) return false;
  const root = rootIdentifier(arg.callee as Node);
  if (root === undefined || REQUEST_VALUES.test(calleeName(arg) ?? '')) return false;
  return ctx.importOf(root, arg) !== undefined || ctx.functionOf(arg.callee as Node) !== undefined;
}

/**
 * The try reaches another system: an S3 object read, or, for a catch that binds no error at all (`catch {
 * return notFound }`), a remote call (a project's `getGame(id)` that throws when the item is absent, a
 * query). Such a catch cannot tell the outage from the absence, nor record it; one that binds the error
 * and logs it is left to the rest of swallowed.ts.
 */
function conflates(ctx: ModuleContext, block: Node, handler: Node): boolean {
  return (
    readsS3Object(block) || (bindsNoError(handler) && someDescendant(block, (n) => remoteCall(ctx, n), true))
  );
}

/**
 * `catch { ... }`, or a binding the body never reads: `catch (ConditionalCheckFailedException) { return
 * notFound }` names the kind it hopes for but tests nothing, so it binds no error either.
 */
function bindsNoError(handler: Node): boolean {
  const param = unwrap(handler.param as Node | null);
  if (param == null) return true;
  if (param.type !== 'Identifier') return false;
  return !someDescendant(handler.body as Node, (n) => n.type === 'Identifier' && n.name === param.name);
}

/**
 * A module that can answer "not found": the rule reads its catches only then. `notfound|not_found` rather
 * than `not_?found` so that each alternative has a word of its own below.
 */
export const NOT_FOUND_TEXT = /404|notfound|not_found|headObject/i;
/**
 * NOT_FOUND_TEXT's words, one in every alternative (spelledWords.test.ts holds them together). Not the
 * bare `found`, which nearly every module spells (`not found` in a message, `found` in a comment): each
 * of those modules then paid a case-insensitive search of its whole text that fails.
 */
export const NOT_FOUND_WORDS: readonly string[] = ['404', 'notfound', 'not_found', 'headObject'];

const MESSAGE =
  'catch answers "not found" for every failure of the read without looking at the error: a throttle, an outage or a denied request is told to the client as a missing item, which it will not retry and no error alarm counts';

/**
 * The rule over catch clauses and `.catch(handler)` chains; answers the catch clauses it reported, which
 * swallowed.ts then leaves alone.
 *
 * @example
 * notFoundCatchAllRule(ctx, report) // `try { await getGame(id) } catch { return status.NOT_FOUND }`
 */
export function notFoundCatchAllRule(ctx: ModuleContext, report: Report): Set<Node> {
  const reported = new Set<Node>();
  if (!ctx.testSpelled(NOT_FOUND_TEXT, NOT_FOUND_WORDS)) return reported;
  for (const handler of ctx.of('CatchClause')) {
    const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
    if (handler.param != null && param === undefined) continue;
    const tryStatement = ctx.parentOf(handler) as Node;
    const body = handler.body as Node;
    const block = tryStatement.block as Node;
    if (
      onlyProbes(ctx, block) &&
      !testsError(body, param) &&
      answersAbsent(body) &&
      !saysWhy(ctx, tryStatement)
    ) {
      report('swallowed-error', handler, PROBE_MESSAGE);
      reported.add(handler);
      continue;
    }
    if (!catchAll(body, param) || !conflates(ctx, block, handler)) continue;
    report('swallowed-error', handler, MESSAGE);
    reported.add(handler);
  }
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'catch' || (call.arguments as Node[]).length !== 1) continue;
    const fn = ctx.valueOf((call.arguments as Node[])[0]);
    if (fn === undefined || !isFunction(fn)) continue;
    const first = unwrap((fn.params as Node[])[0]);
    if (first !== undefined && first.type !== 'Identifier') continue;
    const callee = unwrap(call.callee as Node);
    const chain = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
    if (chain === undefined || !readsS3Object(chain)) continue;
    if (!catchAll(fn.body as Node, first?.name as string | undefined)) continue;
    report('swallowed-error', (callee?.property as Node | undefined) ?? call, MESSAGE);
  }
  return reported;
}
