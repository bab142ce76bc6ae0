// swallowed-error for a request's status test whose failing side answers "not found" or "nothing":
// `if (res.status !== 200) return notFound()` / `res.status === 200 ? hits : []`. Every non-2xx lands
// there, a 5xx, a throttle or a lost connection as much as a 404, so an outage reaches the client as
// "this does not exist" (which harvesters and caches act on) or as an empty list, with nothing failing.
// A test that singles out 404 first, or a failing side that throws or answers the status it got, is fine.
import { type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
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

/** The answer says "not found" (a 404, itself or through a local function building it) or "nothing" (`[]`). */
function notFoundAnswer(ctx: ModuleContext, answer: Node | undefined): boolean {
  const a = unwrap(answer);
  if (a === undefined) return false;
  if (a.type === 'ArrayExpression' && (a.elements as Node[]).length === 0) return true;
  if (names404(a) || someDescendant(a, names404, true)) return true;
  const callee = a.type === 'CallExpression' ? unwrap(a.callee as Node) : undefined;
  const local = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
  return local !== undefined && someDescendant(local.body as Node, names404, true);
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

/** A status test of the same response for 404 alone: the "not found" answer is then the real one. */
function singlesOut404(ctx: ModuleContext, fn: Node, response: string): boolean {
  const text = ctx.source.slice(fn.start, fn.end);
  return new RegExp(`\\b${response}\\.status(Code)?\\s*[!=]==?\\s*404\\b`).test(text);
}

/**
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
    if (!notFoundAnswer(ctx, answer)) continue;
    const fn = ctx.enclosingFunction(node);
    if (fn === undefined || singlesOut404(ctx, fn, test.response)) continue;
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
