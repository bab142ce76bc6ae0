// swallowed-error for a request's status test whose failing side answers "not found" or "nothing":
// `if (res.status !== 200) return notFound()` / `res.status === 200 ? hits : []`. Every non-2xx lands
// there, a 5xx, a throttle or a lost connection as much as a 404, so an outage reaches the client as
// "this does not exist" (which harvesters and caches act on) or as an empty list, with nothing failing.
// A test that singles out 404 first, or a failing side that throws or answers the status it got, is fine.
import { forEachDescendant, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';
import { answersNotFound, is404 } from './notFoundCatchAll.js';
import type { Report } from './Report.js';

const STATUS = /^(status|statusCode)$/;

/** `x.status !== 200` / `x.statusCode === 200`: the response's name and whether the test is true on failure. */
function statusTest(test: Node | undefined): { response: string; failsWhenTrue: boolean } | undefined {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression' || !/^[!=]==?$/.test(t.operator as string)) return undefined;
  const [member, value] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  if (value?.type !== 'Literal' || value.value !== 200 || member?.type !== 'MemberExpression')
    return undefined;
  const object = unwrap(member.object as Node);
  if (
    object?.type !== 'Identifier' ||
    !STATUS.test(propertyName(member.property, member.computed as boolean) ?? '')
  )
    return undefined;
  return { response: object.name as string, failsWhenTrue: (t.operator as string).startsWith('!') };
}

/** A `404` literal as a status field (`{ status: 404 }`) or as an argument of the answer's own call. */
function names404(n: Node): boolean {
  const is404 = (v: Node | undefined) => unwrap(v)?.type === 'Literal' && unwrap(v)?.value === 404;
  if (n.type === 'Property' && STATUS.test(propertyName(n.key, n.computed as boolean) ?? ''))
    return is404(n.value);
  return n.type === 'CallExpression' || n.type === 'NewExpression'
    ? (n.arguments as Node[]).some(is404)
    : false;
}

/** A 404 in the value itself: `{ status: 404 }`, `error(404)`, `notFound()`, `res.status(404)`. */
const says404 = (v: Node): boolean => names404(v) || someDescendant(v, names404, true) || answersNotFound(v);

/** `<response>.status` / `<response>.statusCode`. */
function isStatusOf(n: Node | undefined, response: string): boolean {
  const m = unwrap(n);
  if (m?.type !== 'MemberExpression') return false;
  const object = unwrap(m.object as Node);
  return (
    object?.type === 'Identifier' &&
    object.name === response &&
    STATUS.test(propertyName(m.property, m.computed as boolean) ?? '')
  );
}

/** A local function answers 404 on every path: each of its returns (or its expression body) says 404. */
function alwaysAnswers404(local: Node): boolean {
  const body = local.body as Node;
  if (body.type !== 'BlockStatement') return says404(body);
  const returns: Node[] = [];
  forEachDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') returns.push(n);
      return undefined;
    },
    true,
  );
  return returns.length > 0 && returns.every((r) => r.argument != null && says404(r.argument as Node));
}

/**
 * The answer says "not found" (a 404, itself or through a local function that answers 404 on every path)
 * or "nothing" (`[]`); one handed the response's own status (`httpError(res.status, ...)`) does not.
 */
function notFoundAnswer(ctx: ModuleContext, answer: Node | undefined, response: string): boolean {
  const a = unwrap(answer);
  if (a === undefined) return false;
  if (a.type === 'ArrayExpression' && (a.elements as Node[]).length === 0) return true;
  const call = a.type === 'CallExpression' || a.type === 'NewExpression' ? a : undefined;
  if (call !== undefined && (call.arguments as Node[]).some((arg) => isStatusOf(arg, response))) return false;
  if (names404(a) || someDescendant(a, names404, true)) return true;
  const callee = a.type === 'CallExpression' ? unwrap(a.callee as Node) : undefined;
  const local = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
  return local !== undefined && alwaysAnswers404(local);
}

/** The value a branch answers: its `return`'s argument, or the branch itself for a conditional expression. */
function branchAnswer(branch: Node | null | undefined): Node | undefined {
  const b = unwrap(branch ?? undefined);
  if (b?.type === 'ReturnStatement') return b.argument as Node;
  if (b?.type === 'BlockStatement') {
    const last = (b.body as Node[]).at(-1);
    return last?.type === 'ReturnStatement' ? (last.argument as Node) : undefined;
  }
  return undefined;
}

/** `const res = await request(...)`: the response was read by this function from another system. */
function awaitedResponse(ctx: ModuleContext, name: string, at: Node): boolean {
  const bound = ctx.resolve(name, at);
  return unwrap(bound?.init)?.type === 'AwaitExpression';
}

/**
 * The function tests the same response's status for 404 apart from the rest (`res.status === 404`,
 * `404 === res.status`, `[404, 410].includes(res.status)`, `case 404:` of a `switch (res.status)`,
 * `StatusCodes.NOT_FOUND`): the "not found" answer is then the real one.
 */
function singlesOut404(fn: Node, response: string): boolean {
  let found = false;
  forEachDescendant(fn.body as Node, (n) => {
    if (found) return false;
    if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator as string)) {
      const [l, r] = [n.left as Node, n.right as Node];
      found = (isStatusOf(l, response) && is404(r)) || (isStatusOf(r, response) && is404(l));
    } else if (n.type === 'CallExpression' && (n.arguments as Node[]).some((a) => isStatusOf(a, response))) {
      const callee = unwrap(n.callee as Node);
      const list = callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
      found =
        list?.type === 'ArrayExpression' &&
        propertyName(callee?.property, callee?.computed as boolean) === 'includes' &&
        (list.elements as Node[]).some((e) => is404(e));
    } else if (n.type === 'SwitchStatement' && isStatusOf(n.discriminant as Node, response)) {
      found = (n.cases as Node[]).some((c) => c.test != null && is404(c.test as Node));
    }
    return undefined;
  });
  return found;
}

/**
 * Reports a status test of an awaited response whose failing side answers "not found" or an empty list.
 *
 * @example
 * nonOkAsNotFoundRule(ctx, report) // if (res.status !== 200) return new Response('Not Found', { status: 404 })
 */
export function nonOkAsNotFoundRule(ctx: ModuleContext, report: Report): void {
  if (!/\.status(Code)?\s*[!=]==?\s*200\b/.test(ctx.source)) return;
  // From each `200` literal up to the test it is in: if statements are not indexed, literals are.
  for (const literal of ctx.of('Literal')) {
    if (literal.value !== 200) continue;
    const binary = ctx.parentOf(literal);
    const { node: tested, parent: node } =
      binary === undefined
        ? { node: literal, parent: undefined }
        : ctx.climb(binary, (p) => p.type === 'ParenthesizedExpression');
    if (
      node === undefined ||
      (node.type !== 'IfStatement' && node.type !== 'ConditionalExpression') ||
      node.test !== tested
    )
      continue;
    const type = node.type;
    const test = statusTest(node.test as Node);
    if (test === undefined || !awaitedResponse(ctx, test.response, node)) continue;
    const failing = test.failsWhenTrue ? node.consequent : node.alternate;
    const answer = type === 'IfStatement' ? branchAnswer(failing as Node) : (failing as Node);
    if (!notFoundAnswer(ctx, answer, test.response)) continue;
    const fn = ctx.enclosingFunction(node);
    if (fn === undefined || singlesOut404(fn, test.response)) continue;
    // A job that selects its own work finds the item again on its next run.
    if (ctx.handlerKindAt(node) !== undefined && selectsOwnWork(ctx)) continue;
    // In a helper module, only an export a handler reaches matters.
    const exported = ctx.handlers.size === 0 ? exportsReaching(ctx, node, true) : [];
    if (ctx.handlers.size === 0 && exported.length === 0) continue;
    report(
      'swallowed-error',
      node.test as Node,
      'every non-200 answer of the request is answered as "not found" or an empty list: a 5xx, a throttle or an outage reaches the caller as "this does not exist", and nothing fails',
      ctx.handlers.size === 0
        ? { onlyIfExportOnHandlerPath: exported, onlyIfEventCaller: sharedRequest(ctx, node) }
        : undefined,
    );
  }
}
