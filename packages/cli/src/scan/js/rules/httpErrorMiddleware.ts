// swallowed-error: middy's `@middy/http-error-handler`, or a project's own error middleware that does the
// same (its `onError` sets `request.response` and never rethrows), on a function that is not invoked over
// HTTP. Such a middleware turns every error into a response, which is right behind API Gateway; for an SQS,
// stream, EventBridge or scheduled function the invocation then succeeds: the batch is deleted, the async
// event is not retried, and the Errors metric stays quiet.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { someBelow } from '../subtreeIndex.js';
import type { Report } from './Report.js';

const NOT_HTTP =
  /\b(SQSEvent|SQSHandler|EventBridgeEvent|EventBridgeHandler|ScheduledEvent|ScheduledHandler|SNSEvent|SNSHandler|DynamoDBStreamEvent|DynamoDBStreamHandler|KinesisStreamEvent|KinesisStreamHandler)\b|\bevent\.(detail|Records)\b/;
const HTTP =
  /\b(APIGateway\w*|ALBEvent|ALBHandler|LambdaFunctionURL\w*)\b|\bevent\.(body|httpMethod|headers|pathParameters|requestContext)\b/;

/** The function a `middy(fn)` call wraps, at the bottom of a `.use(...)` chain. */
function wrapped(ctx: ModuleContext, call: Node): Node | undefined {
  let c: Node | undefined = call;
  while (c?.type === 'CallExpression' && calleeName(c) === 'use') c = unwrap(unwrap(c.callee)?.object);
  if (c?.type !== 'CallExpression' || calleeName(c) !== 'middy') return undefined;
  const fn = ctx.valueOf((c.arguments as Node[])[0]);
  return fn !== undefined && isFunction(fn) ? fn : undefined;
}

/** The function a hook's value names: a function written there, or the one a name is bound to. */
function hookFunction(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  return ctx.functionOf(value) ?? (value !== undefined && isFunction(value) ? value : undefined);
}

/**
 * The functions an options object (or the name bound to one) gives as its `onError` property.
 * @example
 * onErrorOf(ctx, optionsArg) // LinkAdapter({ onSuccess, onError: denied }) -> [denied]
 */
export function onErrorOf(ctx: ModuleContext, objectExpr: Node | undefined): Node[] {
  const options = ctx.valueOf(objectExpr);
  if (options?.type !== 'ObjectExpression') return [];
  const out: Node[] = [];
  for (const p of options.properties as Node[]) {
    if (p.type !== 'Property' || propertyName(p.key, p.computed as boolean) !== 'onError') continue;
    const fn = hookFunction(ctx, unwrap(p.value));
    if (fn !== undefined) out.push(fn);
  }
  return out;
}

/** `onError` as a property or method, or assigned (`middleware.onError = ...`): the functions it names. */
export function onErrorFunctions(ctx: ModuleContext, root: Node): Node[] {
  const found: Node[] = [];
  const named = (key: Node | undefined) => (key?.name ?? key?.value) === 'onError';
  const add = (value: Node | undefined) => {
    const fn = hookFunction(ctx, value);
    if (fn !== undefined) found.push(fn);
  };
  const visit = (n: Node) => {
    if ((n.type === 'Property' || n.type === 'MethodDefinition') && named(n.key)) add(unwrap(n.value));
    else if (
      n.type === 'AssignmentExpression' &&
      unwrap(n.left)?.type === 'MemberExpression' &&
      named(unwrap(n.left)?.property)
    )
      add(unwrap(n.right));
    return false;
  };
  if (!visit(root)) someBelow(root, ['Property', 'MethodDefinition', 'AssignmentExpression'], visit);
  return found;
}

/**
 * The export answers every error itself: an `onError` in it sets `request.response` (`handler.response =
 * this.handlerResponse`) and has no `throw` (a middleware that rethrows for non-HTTP events, or answers only
 * errors it recognises and rethrows the rest, is not one). A name bound to a class or function is read
 * at its declaration.
 *
 * @example
 * answersErrors(ctx, exportedClass) // class MiddyErrorHandler { errorHandler() { return { onError: async (h) => { log(h.error); h.response = body } } } } -> true
 */
export function answersErrors(ctx: ModuleContext, exported: Node): boolean {
  let root = unwrap(exported);
  if (root?.type === 'Identifier') {
    const binding = ctx.resolve(root.name as string, root);
    root = binding?.init ?? binding?.declaration;
  }
  if (root === undefined || !ctx.source.slice(root.start, root.end).includes('onError')) return false;
  const fns = onErrorFunctions(ctx, root);
  return (
    fns.length > 0 &&
    fns.every(
      (fn) =>
        !someDescendant(fn.body as Node, (n) => n.type === 'ThrowStatement') &&
        someDescendant(fn.body as Node, (n) => {
          const left = n.type === 'AssignmentExpression' ? unwrap(n.left) : undefined;
          return left?.type === 'MemberExpression' && left.property?.name === 'response';
        }),
    )
  );
}

/**
 * A middleware built by project code: `errorHandler()` imported, `errors.errorHandler()` on an instance of
 * an imported class (`const errors = new MiddyErrorHandler(body)`), or one of the module's own functions.
 * Answers the import to ask about, or true when the module's own code answers every error.
 */
function projectMiddleware(ctx: ModuleContext, m: Node): ImportRef | boolean {
  const callee = m.type === 'CallExpression' ? unwrap(m.callee) : m;
  let base = callee?.type === 'MemberExpression' ? unwrap(callee.object) : callee;
  if (base?.type !== 'Identifier') return false;
  const binding = ctx.resolve(base.name as string, base);
  const made = unwrap(binding?.init);
  // `const errors = new MiddyErrorHandler(...)`: the class is what is asked about.
  if (made?.type === 'NewExpression' && unwrap(made.callee)?.type === 'Identifier')
    base = unwrap(made.callee) as Node;
  const imp = ctx.importOf(base.name as string, base);
  if (imp !== undefined)
    return imp.source.startsWith('@middy/') || imp.imported === '*'
      ? false
      : { from: ctx.file, source: imp.source, name: imp.imported };
  const local = ctx.resolve(base.name as string, base);
  return local !== undefined && local.kind !== 'param' && answersErrors(ctx, base);
}

/**
 * @example
 * httpErrorMiddlewareRule(ctx, report) // middy(onOrderEvent).use(httpErrorHandler()), onOrderEvent(event: EventBridgeEvent<...>) -> at `.use(`
 */
export function httpErrorMiddlewareRule(ctx: ModuleContext, report: Report): void {
  const stock = ctx.spells('@middy/http-error-handler');
  if (!stock && !(ctx.spells('middy') && ctx.spells('.use'))) return;
  for (const call of ctx.of('CallExpression')) {
    if (calleeName(call) !== 'use') continue;
    const arg = unwrap((call.arguments as Node[])[0]);
    // `.use(httpErrorHandler())` or `.use([jsonBodyParser(), httpErrorHandler()])`.
    const middlewares = (arg?.type === 'ArrayExpression' ? (arg.elements as Node[]) : [arg]).map((m) =>
      unwrap(m),
    );
    const isErrorHandler = (m: Node | undefined) => {
      const callee = m?.type === 'CallExpression' ? unwrap(m.callee) : undefined;
      const imp = callee?.type === 'Identifier' ? ctx.importOf(callee.name as string, callee) : undefined;
      return imp?.source === '@middy/http-error-handler';
    };
    const stockHandler = stock && middlewares.some(isErrorHandler);
    // A project's own middleware: only one named for errors is asked about.
    const own = stockHandler
      ? undefined
      : middlewares
          .filter((m): m is Node => m !== undefined && /error/i.test(ctx.source.slice(m.start, m.end)))
          .map((m) => projectMiddleware(ctx, m))
          .find((r) => r !== false);
    if (!stockHandler && own === undefined) continue;
    const fn = wrapped(ctx, call);
    if (fn === undefined) continue;
    const text = ctx.source.slice(fn.start, fn.end);
    if (!NOT_HTTP.test(text) || HTTP.test(text)) continue;
    // The handler throws its failures on purpose; the middleware is what answers them.
    if (!someDescendant(fn.body as Node, (n) => n.type === 'AwaitExpression', true)) continue;
    // At the `.use` itself: in a chain written over several lines, the line that adds the middleware.
    report(
      'swallowed-error',
      unwrap(call.callee)?.property ?? call,
      `${stockHandler ? 'http-error-handler' : 'this error middleware'} answers every error with a response and does not rethrow, but this function is not invoked over HTTP: its failures end the invocation as a success, so the event is not retried (or the batch is deleted) and no Errors alarm fires`,
      typeof own === 'object' ? { onlyIfImportAnswersErrors: own } : undefined,
    );
  }
}
