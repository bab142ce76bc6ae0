// Finds a module's Lambda handlers: exported functions typed with aws-lambda types or shaped like
// (event, context), the functions inside middy/sqsHandler/makeIdempotent wrappers, record handlers given
// to Powertools, and the same-file helpers they call (all on the must-complete path).
import {
  calleeName as calleeNameOf,
  isFunction,
  type Node,
  objectProps,
  propertyName,
  unwrap,
} from './ast.js';
import { handedFunctions, routedTargets } from './callTargets.js';
import { boundMethod, instanceClass, instanceMethods, methodTarget } from './classMethods.js';
import { exportBranches } from './exportBranches.js';
import { HANDLER_NAME, looksLikeHandler } from './handlerShape.js';
import { isBatch } from './handlerTypes.js';
import { type HandlerKind, isProjectSource, type ModuleContext } from './ModuleContext.js';
import { sstHandlerType } from './sstHandlers.js';
import { wrapperEntry } from './wrapperEntries.js';

/** A factory of the project's own that says it builds a Lambda handler (not `errorHandler`, a middleware). */
const HANDLER_FACTORY = /^(with|wrap|create|make|build)?(lambda|api|http)?handler$/i;
/** A class method a handler factory runs on the instance it is given: `lambda.handle(event, context)`. */
const ENTRY_METHOD = /^(handle|handler)$/;
/** Error trackers' Lambda wrappers, called as a method of the tracker: Rollbar, Sentry, Honeybadger. */
const TRACKER_WRAPPER = /^(lambdaHandler|wrapHandler)$/;
const WRAPPING_FACTORIES = new Set([
  'middy',
  'sqsHandler',
  'httpHandler',
  'makeIdempotent',
  'makeHandlerIdempotent',
  'captureLambdaHandler',
  // Response streaming: `awslambda.streamifyResponse(async (event, responseStream, context) => ...)`, or the
  // same name imported from a local shim package (`lambda-stream`) or copied from the global.
  'streamifyResponse',
]);

function addHandler(
  ctx: ModuleContext,
  value: Node | undefined,
  kind: HandlerKind,
  exportedName?: string,
): void {
  const v = ctx.valueOf(value);
  if (v === undefined) return;
  if (isFunction(v)) {
    // A template names its entry point by export: no shape is asked of it (the runtime calls it).
    const named = exportedName !== undefined && ctx.templateNamed.has(exportedName);
    if (kind === 'entry' && !named && !looksLikeHandler(ctx, v, exportedName)) return;
    if (!ctx.handlers.has(v) || kind !== 'helper') ctx.handlers.set(v, kind);
    if (kind === 'entry' && isBatch(ctx, v)) ctx.batchHandlers.add(v);
    return;
  }
  // `export const handler = useTracer ? datadog(work) : work`: whichever branch is chosen, Lambda runs it.
  // Each branch once, however the constants it names nest (exportBranches.ts).
  if (v.type === 'ConditionalExpression') {
    for (const branch of exportBranches(ctx, v)) addHandler(ctx, branch, kind, exportedName);
    return;
  }
  // `module.exports.handler = handler.main.bind(handler)` of `const handler = new Handler()`, or the method
  // itself, `export const handler = new Handler().handle`.
  const method = boundMethod(ctx, v) ?? (v.type === 'MemberExpression' ? methodTarget(ctx, v) : undefined);
  if (method !== undefined) {
    addHandler(ctx, method, kind, exportedName);
    return;
  }
  if (v.type === 'CallExpression') {
    // `middy(base).use(...)`, `sqsHandler(recordFn, opts)`, `makeIdempotent(fn, opts)`
    let call: Node | undefined = v;
    // middy's builder form, `middy().use(...).handler(fn)`: the function given to `.handler()` is the entry.
    let builderEntry: Node | undefined;
    while (call?.type === 'CallExpression') {
      const callee = unwrap(call.callee);
      if (streamified(ctx, call)) {
        addHandler(ctx, call.arguments[0] as Node | undefined, 'entry', 'handler');
        break;
      }
      if (callee?.type === 'MemberExpression') {
        // `wrappers.restJSON.wrap(core, deps)` on a handler-named export (js/wrapperEntries.ts).
        if (
          kind === 'entry' &&
          exportedName !== undefined &&
          HANDLER_NAME.test(exportedName) &&
          wrapperEntry(ctx, call)
        )
          break;
        // An error tracker's wrapper (`rollbar.lambdaHandler(fn)`, `Sentry.AWSLambda.wrapHandler(fn)`,
        // `Honeybadger.lambdaHandler(fn)`): it reports and rethrows, so the function it is given is the entry.
        if (kind === 'entry' && TRACKER_WRAPPER.test(propertyName(callee.property, callee.computed) ?? '')) {
          builtByFactory(ctx, call, exportedName);
          break;
        }
        if (propertyName(callee.property, callee.computed) === 'handler') builderEntry ??= call.arguments[0];
        call = unwrap(callee.object);
        continue;
      }
      const name = callee?.type === 'Identifier' ? (callee.name as string) : method;
      if (name !== undefined && WRAPPING_FACTORIES.has(name)) {
        const inner = ctx.valueOf(
          name === 'middy' && call.arguments.length === 0 ? builderEntry : call.arguments[0],
        );
        if (isFunction(inner)) {
          const innerKind: HandlerKind = name === 'sqsHandler' ? 'record' : 'entry';
          ctx.handlers.set(inner as Node, innerKind);
          if (innerKind === 'entry' && isBatch(ctx, inner as Node)) ctx.batchHandlers.add(inner as Node);
        } else if (inner?.type === 'CallExpression') addHandler(ctx, inner, kind, exportedName);
      } else if (kind === 'entry') builtByFactory(ctx, call, exportedName);
      break;
    }
  }
}

/**
 * `awslambda.streamifyResponse(async (event, responseStream, context) => ...)`: Lambda response streaming
 * (a function URL). The runtime's global wraps the function that serves the request; `lambda-stream`'s
 * `streamifyResponse` (a wrapping factory above) stands in for it off Lambda.
 */
function streamified(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (
    callee?.type !== 'MemberExpression' ||
    propertyName(callee.property, callee.computed) !== 'streamifyResponse'
  )
    return false;
  const root = unwrap(callee.object);
  // The runtime's global, often declared for TypeScript in the module itself (`declare const awslambda`).
  return (
    root?.type === 'Identifier' && root.name === 'awslambda' && ctx.importOf('awslambda', root) === undefined
  );
}

/**
 * `export const handler = withErrors(async (event) => ...)`: a project's own factory (a middleware, an
 * error mapper) wraps the function that does the work. The export must be named like a handler, or the
 * function typed with an aws-lambda type; the function it is given is then the entry.
 */
function builtByFactory(ctx: ModuleContext, call: Node, exportedName: string | undefined, depth = 0): void {
  // `export const sendTestEmail = handler(parser, async (request) => ...)`: a factory of the project's own
  // named for what it builds (`handler`, `apiHandler`) says so whatever the export is called.
  const callee = unwrap(call.callee);
  const factory = callee?.type === 'Identifier' ? (callee.name as string) : undefined;
  const source = factory !== undefined ? ctx.importOf(factory, callee as Node)?.source : undefined;
  const namedFactory =
    factory !== undefined && HANDLER_FACTORY.test(factory) && source !== undefined && isProjectSource(source);
  const named =
    namedFactory ||
    (exportedName !== undefined && (HANDLER_NAME.test(exportedName) || ctx.templateNamed.has(exportedName)));
  const sst = sstHandlerType(ctx, call);
  for (const arg of call.arguments as Node[]) {
    const inner = ctx.valueOf(arg);
    if (!isFunction(inner) || ctx.handlers.has(inner as Node)) continue;
    // A template names the export the factory builds: the function it is given does the work.
    const entry =
      namedFactory ||
      sst !== undefined ||
      (exportedName !== undefined && ctx.templateNamed.has(exportedName));
    if (!entry && !looksLikeHandler(ctx, inner as Node, named ? exportedName : undefined)) continue;
    ctx.handlers.set(inner as Node, 'entry');
    if (sst === 'sqs' || isBatch(ctx, inner as Node)) ctx.batchHandlers.add(inner as Node);
    // `withTracking(cfg, 'mtd', mtdHandler)` returns what Lambda runs around the entry: on the path too.
    const wrapper = returnedFunction(ctx.functionOf(callee));
    if (wrapper !== undefined && !ctx.handlers.has(wrapper)) ctx.handlers.set(wrapper, 'helper');
    return;
  }
  // `export const handler = createHandler(new OrdersLambda())`: the factory runs a method of an instance of
  // a class of this module, so the class's methods are on the handler's path (the method the factory calls,
  // and the overrides an inherited dispatcher calls in turn).
  if (named)
    for (const arg of call.arguments as Node[]) {
      const methods = instanceMethods(ctx, arg);
      // The methods shaped as the runtime's entry (typed with an event, named `handle`) are the entries the
      // export reaches. The rest are reached as the entries call them (`this.work(event)`, found below),
      // unless the class inherits: a dispatcher of an imported base class calls overrides no code here names.
      const a = unwrap(arg);
      const inherits = a !== undefined && instanceClass(ctx, a)?.superClass != null;
      for (const m of methods) {
        const entry = looksLikeHandler(ctx, m, undefined) || ENTRY_METHOD.test(methodName(ctx, m) ?? '');
        if (entry) {
          ctx.handlers.set(m, 'entry');
          if (isBatch(ctx, m)) ctx.batchHandlers.add(m);
        } else if (inherits && !ctx.handlers.has(m)) ctx.handlers.set(m, 'helper');
      }
      if (methods.length > 0) return;
    }
  // `export const handler = ApiHandler(withApiAuth(async () => ...))`: factories nested around the function
  // the export is named for; the innermost one given a function builds the entry.
  const nested = (call.arguments as Node[]).map((a) => unwrap(a)).find((a) => a?.type === 'CallExpression');
  if (named && depth < 2 && nested !== undefined && unwrap(nested.callee)?.type === 'Identifier') {
    const before = ctx.handlers.size;
    builtByFactory(ctx, nested, exportedName, depth + 1);
    if (ctx.handlers.size > before) return;
  }
  // `export const handler = auditHandler('audit_log')`: a factory of this module returns the handler.
  const made = named ? returnedFunction(ctx.functionOf(callee)) : undefined;
  if (made !== undefined && !ctx.handlers.has(made) && looksLikeHandler(ctx, made, exportedName)) {
    ctx.handlers.set(made, 'entry');
    if (isBatch(ctx, made)) ctx.batchHandlers.add(made);
  }
}

/** Is `value` (an export's value) a call of a factory of this module that returns `fn`? */
export function madeByFactory(ctx: ModuleContext, value: Node, fn: Node): boolean {
  const v = ctx.valueOf(value);
  return v?.type === 'CallExpression' && returnedFunction(ctx.functionOf(v.callee)) === fn;
}

/** The function a factory returns: `(cfg) => async (event) => ...`, or its one `return async (event) => ...`. */
function returnedFunction(factory: Node | undefined): Node | undefined {
  const body = factory?.body as Node | undefined;
  if (body === undefined) return undefined;
  if (body.type !== 'BlockStatement') return isFunction(unwrap(body)) ? unwrap(body) : undefined;
  const last = (body.body as Node[]).at(-1);
  const value = last?.type === 'ReturnStatement' ? unwrap(last.argument) : undefined;
  return value !== undefined && isFunction(value) ? value : undefined;
}

/** The name of a class method, from its definition. */
function methodName(ctx: ModuleContext, fn: Node): string | undefined {
  const def = ctx.parentOf(fn);
  return def?.type === 'MethodDefinition' || def?.type === 'PropertyDefinition'
    ? propertyName(def.key as Node, def.computed as boolean)
    : undefined;
}

export function findHandlers(ctx: ModuleContext): void {
  for (const [name, value] of ctx.exports) addHandler(ctx, value, 'entry', name);
  // Typed but not exported by name (e.g. `const handler: SQSHandler = ...; export default handler`).
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const name = callee?.type === 'Identifier' ? (callee.name as string) : propertyName(callee?.property);
    if (name === 'processPartialResponse' || name === 'processPartialResponseSync') {
      const recordHandler = ctx.functionOf(call.arguments[1]);
      if (recordHandler) ctx.handlers.set(recordHandler, 'record');
    }
  }
  // A long-running SQS worker (`Consumer.create({ handleMessage })` of sqs-consumer) deletes each message
  // its handler resolves for: that handler is on a must-complete path like a Lambda's.
  if (ctx.spells('sqs-consumer'))
    for (const call of ctx.of('CallExpression')) {
      if (calleeNameOf(call) !== 'create' || ctx.importRoot(call.callee)?.source !== 'sqs-consumer') continue;
      const options = objectProps(ctx.valueOf(call.arguments[0]));
      for (const key of ['handleMessage', 'handleMessageBatch']) {
        const fn = ctx.functionOf(options?.props.get(key));
        if (fn !== undefined && !ctx.handlers.has(fn)) ctx.handlers.set(fn, 'helper');
      }
    }
  // Same-file helpers called from handler code, or handed by name to a call there (callTargets.ts), are on
  // the must-complete path too. A call found in handler code once stays there (handlers only grow) and its
  // targets do not depend on the handlers, so a later round adds nothing through it: each round asks only
  // the calls no earlier round found in handler code, in the same order, and adds the same helpers in the
  // same order as asking every call again would.
  let pending: readonly Node[] = ctx.of('CallExpression');
  let grew = ctx.handlers.size > 0;
  for (let round = 0; grew && round < 4; round++) {
    grew = false;
    const outside: Node[] = [];
    for (const call of pending) {
      if (ctx.handlerKindAt(call) === undefined) {
        outside.push(call);
        continue;
      }
      const callee = unwrap(call.callee);
      const targets = [
        ...(callee?.type === 'Identifier'
          ? [ctx.functionOf(callee)]
          : [...routedTargets(ctx, callee), methodTarget(ctx, callee), ctx.functionOf(callee)]),
        ...handedFunctions(ctx, call),
      ];
      for (const target of targets)
        if (target !== undefined && !ctx.handlers.has(target)) {
          ctx.handlers.set(target, 'helper');
          grew = true;
        }
    }
    pending = outside;
  }
}
