// swallowed-error for promise chains: `.catch()` handlers that discard a rejection or only log it.
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { isEmptyValue } from '../emptyValues.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isSdkSend } from '../sdkSend.js';
import { batchChainSuccess } from './batchChainCatch.js';
import { droppedBuiltErrorCatch } from './builtErrorAnswer.js';
import { throwsNext } from './catchBeforeThrow.js';
import { onlyCleanup, onlyCleanupChain, selectsOwnWork } from './catchExemptions.js';
import { hasComment, isLogCall, isObservation } from './catchFacts.js';
import { callbackSaysWhy, chainSaysWhy } from './chainDecision.js';
import { chainStandIn, outboundChain } from './chainStandIn.js';
import { cleanupAfterWork } from './cleanupAfterWork.js';
import { absentBeforeWrite } from './createOnFailure.js';
import { answersFlag, unreadFlag } from './flagChains.js';
import { rethrowsOnlyOnFlag } from './flagRethrow.js';
import { classifyHttpCall } from './http.js';
import type { LoggedCallRef } from './importedCallFacts.js';
import { importedRef } from './importedEndsErrors.js';
import type { Report } from './Report.js';
import { returnedByHandler } from './returnedChain.js';
import { inTelemetryFunction } from './telemetryFacts.js';

const BUILT_ERROR_DROPPED =
  '.catch() answers a new error object instead of throwing it: the promise resolves, nothing reads the answer, and the failure is lost; throw it (or let the rejection through)';
const ABSENT_BEFORE_WRITE =
  'the existence check answers any failure of the read as "absent", and a write follows on that answer: a throttle or a timeout lets it overwrite or duplicate what exists; test the not-found error and rethrow the rest';

/** `.catch(() => {})`, `.catch(() => null)`, `.catch(noop)`: true when the call is a `.catch`, reported or not. */
export function promiseCatch(ctx: ModuleContext, call: Node, report: Report): boolean {
  if (
    calleeName(call) !== 'catch' ||
    unwrap(call.callee)?.type !== 'MemberExpression' ||
    call.arguments.length !== 1
  )
    return false;
  const comments = ctx.comments;
  const fn = ctx.valueOf(call.arguments[0]);
  // Checked before marksHandled: the wrapper returns this chain, so its value is the caller's result.
  if (fn !== undefined && isFunction(fn) && rethrowsOnlyOnFlag(ctx, fn)) {
    report(
      'swallowed-error',
      call,
      '.catch() rethrows only when a flag is set: with it off the rejection is logged and the promise resolves undefined',
    );
    return true;
  }
  if (marksHandled(ctx, call)) return true;
  if (fn !== undefined && isFunction(fn)) {
    // A callback-era batch consumer's chain ended with a success answer (batchChainCatch.ts).
    const batchSuccess = batchChainSuccess(ctx, call, fn);
    if (batchSuccess !== undefined && !callbackSaysWhy(ctx, call)) {
      report('swallowed-error', (unwrap(call.callee)?.property as Node | undefined) ?? call, batchSuccess);
      return true;
    }
    const b = fn.body as Node;
    const empty =
      b.type === 'BlockStatement'
        ? (b.body as Node[]).length === 0 && !hasComment(ctx, comments, b)
        : isEmptyValue(b);
    const returnsDefault =
      b.type === 'BlockStatement' &&
      (b.body as Node[]).length === 1 &&
      (b.body as Node[])[0]?.type === 'ReturnStatement' &&
      isEmptyValue((b.body as Node[])[0]?.argument);
    // A comment beside the chain may state that the rejection is dropped by decision (chainDecision.ts).
    if ((empty || returnsDefault) && chainSaysWhy(ctx, call)) return true;
    // `.catch((e) => new Error(...))` answered to nobody (builtErrorAnswer.ts).
    if (droppedBuiltErrorCatch(ctx, call, fn) && !chainSaysWhy(ctx, call)) {
      report('swallowed-error', unwrap(call.callee)?.property as Node, BUILT_ERROR_DROPPED);
      return true;
    }
    // A stand-in before a throw the function does not catch: the path fails anyway (catchBeforeThrow.ts).
    if ((empty || returnsDefault) && throwsNext(ctx, call)) return true;
    // An awaited delete after the work is done: a failure only leaves garbage (cleanupAfterWork.ts).
    const receiver = unwrap(unwrap(call.callee)?.object);
    if (
      (empty || returnsDefault) &&
      receiver !== undefined &&
      awaited(ctx, call) &&
      cleanupAfterWork(ctx, receiver)
    )
      return true;
    if ((empty || returnsDefault) && !answersFlag(ctx, call, b))
      // At `.catch(`, as below: a chain spread over lines is fixed where its handler is. On a call of
      // another module's function that ends its own failures (`logAudit(e).catch(() => {})` whose catch
      // only logs), no rejection ever comes: dropped by the project pass (importedEnds.ts).
      report(
        'swallowed-error',
        (unwrap(call.callee)?.property as Node | undefined) ?? call,
        '.catch() discards the rejection',
        receiver?.type === 'CallExpression' && importedRef(ctx, receiver) !== undefined
          ? { unlessImportsEnd: [importedRef(ctx, receiver) as LoggedCallRef] }
          : {},
      );
    else if (answersFlag(ctx, call, b) && absentBeforeWrite(ctx, call))
      report(
        'swallowed-error',
        (unwrap(call.callee)?.property as Node | undefined) ?? call,
        ABSENT_BEFORE_WRITE,
      );
    else if (unreadFlag(ctx, call, b, report)) {
      // A flag's failure side is judged by whether its callers read it (flagChains.ts).
    } else if (throwsNext(ctx, call)) {
      // A logged rejection on a path that throws right after: a second failure on the way out.
    } else if (logsThenEmpty(ctx, call, b))
      report(
        'swallowed-error',
        (unwrap(call.callee)?.property as Node | undefined) ?? call,
        '.catch() logs and answers an empty value after I/O: the code after it cannot tell failure from "nothing"',
      );
    else if (chainStandIn(ctx, call, fn, report)) {
      // Logs and answers a stand-in: judged as a catch that returns a default after I/O (chainStandIn.ts).
    } else if (droppedSdkChain(ctx, call, b))
      report(
        'swallowed-error',
        fn,
        '.catch() only logs a failed AWS call whose promise nobody awaits: the caller goes on as if it succeeded',
      );
    else if (awaitedLogOnly(ctx, call, b)) {
      // The `try { await io } catch (e) { log(e) }` of promise chains, judged as swallowed.ts judges that.
      const onPath = ctx.handlerKindAt(call) !== undefined;
      const exported = onPath ? [] : exportsReaching(ctx, call, true);
      if (onPath ? !selectsOwnWork(ctx) : exported.length > 0)
        report(
          'swallowed-error',
          // At `.catch(`, not where a chain spread over lines starts.
          (unwrap(call.callee)?.property as Node | undefined) ?? call,
          // A chain the handler returns is not awaited by its code, and nothing of it runs after the catch.
          awaited(ctx, call)
            ? '.catch() only logs a failed call that is awaited on a Lambda handler path: the work goes on as if it had succeeded, and the invocation succeeds'
            : ".catch() only logs a failed call in the chain the handler returns: Lambda resolves the invocation with the catch's undefined, so nothing retries",
          onPath
            ? undefined
            : { onlyIfExportOnHandlerPath: exported, onlyIfEventCaller: sharedRequest(ctx, call) },
        );
    }
  } else if (
    unwrap(call.arguments[0])?.type === 'Identifier' &&
    /^(noop|ignore|_\.noop)$/.test(unwrap(call.arguments[0])?.name as string)
  ) {
    report('swallowed-error', call, '.catch(noop) discards the rejection');
  }
  return true;
}

/**
 * `ddb.batchWrite(params).promise().then(...).catch((err) => console.log(err))` as a statement: the
 * chain's only handler logs, nothing awaits or returns the chain, and it carries an AWS call (a v2
 * `.promise()`, a v3 `send`), so the function returns before the write and never learns it failed; unless
 * the callback states the decision.
 */
function droppedSdkChain(ctx: ModuleContext, call: Node, body: Node): boolean {
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  if (statements.length === 0 || !statements.every((s) => isObservation(s))) return false;
  if (ctx.parentOf(call)?.type !== 'ExpressionStatement' || inTelemetryFunction(ctx, call)) return false;
  // The callback's own words decide here as on an awaited chain (`// Don't throw: not critical for login`).
  if (callbackSaysWhy(ctx, call)) return false;
  let receiver = unwrap(unwrap(call.callee)?.object);
  while (receiver?.type === 'CallExpression' && calleeName(receiver) === 'then')
    receiver = unwrap(unwrap(receiver.callee)?.object);
  // `var p = ddb.batchWrite(params).promise()` too: old handlers declare with var.
  const binding =
    receiver?.type === 'Identifier' ? ctx.resolve(receiver.name as string, receiver) : undefined;
  const chain = binding?.kind === 'var' ? unwrap(binding.init) : ctx.valueOf(receiver);
  if (chain?.type !== 'CallExpression') return false;
  if (isSdkSend(ctx, chain)) return true;
  return calleeName(chain) === 'promise' && unwrap(unwrap(chain.callee)?.object)?.type === 'CallExpression';
}

/**
 * `await ddb.send(cmd).catch((e) => logger.error(e))`: the awaited chain's only handler logs, the chain
 * carries a call to another system (an SDK send, a v2 `.promise()`, an HTTP call) that is not a cleanup
 * or telemetry, and no comment in the handler says why.
 */
function awaitedLogOnly(ctx: ModuleContext, call: Node, body: Node): boolean {
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  if (!statements.some((s) => isLogCall(s)) || !statements.every((s) => isObservation(s))) return false;
  // Only the inline callback's own words decide, as a try's catch's do: a neighbour's comment, a comment
  // that says what the step is, or a named callback shared by other chains does not (chainDecision.ts).
  if (callbackSaysWhy(ctx, call) || inTelemetryFunction(ctx, call)) return false;
  // A chain the handler returns is awaited by Lambda: its answer is the invocation's (returnedChain.ts).
  if (!awaited(ctx, call) && !returnedByHandler(ctx, call)) return false;
  let receiver = unwrap(unwrap(call.callee)?.object);
  while (receiver?.type === 'CallExpression' && calleeName(receiver) === 'then')
    receiver = unwrap(unwrap(receiver.callee)?.object);
  if (receiver?.type !== 'CallExpression' || onlyCleanup(ctx, receiver) || onlyCleanupChain(ctx, call))
    return false;
  if (TELEMETRY.test(ctx.source.slice(receiver.start, receiver.end))) return false;
  // An SDK, HTTP or v3 aggregated client call, or the project's own work (chainStandIn.ts).
  return outboundChain(ctx, call) === receiver;
}

/**
 * `await ddb.send(cmd).then((r) => r.Items).catch((e) => { log(e); return []; })`: the chain's handler logs
 * and answers an empty collection (or `''`, `0`) for the awaited read, as a catch that returns `[]` after
 * I/O does; null and undefined are left to the try/catch judgement of callers' reads.
 */
function logsThenEmpty(ctx: ModuleContext, call: Node, body: Node): boolean {
  if (body.type !== 'BlockStatement') return false;
  const statements = body.body as Node[];
  const last = statements.at(-1);
  if (last?.type !== 'ReturnStatement' || !statements.slice(0, -1).some((s) => isLogCall(s))) return false;
  if (!statements.slice(0, -1).every((s) => isObservation(s))) return false;
  const value = unwrap(last.argument as Node | null);
  const empty =
    value !== undefined &&
    isEmptyValue(value) &&
    !(value.type === 'Literal' && (value.value === null || value.value === false)) &&
    value.type !== 'Identifier' &&
    value.type !== 'UnaryExpression';
  if (!empty || !awaited(ctx, call)) return false;
  let receiver = unwrap(unwrap(call.callee)?.object);
  while (receiver?.type === 'CallExpression' && calleeName(receiver) === 'then')
    receiver = unwrap(unwrap(receiver.callee)?.object);
  return (
    receiver?.type === 'CallExpression' &&
    !inTelemetryFunction(ctx, call) &&
    (isSdkSend(ctx, receiver) ||
      classifyHttpCall(ctx, receiver) !== undefined ||
      (calleeName(receiver) === 'promise' &&
        unwrap(unwrap(receiver.callee)?.object)?.type === 'CallExpression'))
  );
}

/**
 * Is the chain awaited, a cast on the way included (`await (chain.catch(...) as Promise<Row[]>)`)? One
 * answer for every judgement here: a cast says what the value is, not whether it is waited for.
 */
function awaited(ctx: ModuleContext, call: Node): boolean {
  const through = (p: Node) => p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression';
  const parent = ctx.climb(call, through).parent;
  if (parent?.type === 'AwaitExpression') return true;
  // `await Promise.all([sfn.send(...).catch(log), ...])`: awaited together, the `.catch` ends each failure.
  const all = parent?.type === 'ArrayExpression' ? ctx.parentOf(parent) : undefined;
  return (
    all?.type === 'CallExpression' &&
    all.arguments[0] === parent &&
    memberPath(all.callee)?.join('.') === 'Promise.all' &&
    ctx.climb(all, through).parent?.type === 'AwaitExpression'
  );
}

const TELEMETRY = /PutMetricData|putMetricData|PutLogEvents|putLogEvents/;

/** The constant an arrow or function answers: its expression body, or the argument of its only statement. */
export function constantAnswer(body: Node | undefined): Node | undefined {
  if (body === undefined) return undefined;
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : undefined;
  const value =
    statements === undefined
      ? unwrap(body)
      : statements.length === 1 && statements[0]?.type === 'ReturnStatement'
        ? unwrap(statements[0].argument)
        : undefined;
  return value?.type === 'Literal' ? value : undefined;
}

const CLEANUP =
  /^(cancel|close|destroy|release|abort|dispose|unref|end|disconnect|quit|unlink|rm|remove|unsubscribe|kill|terminate|return)$/;

/**
 * `p.catch(() => undefined)` on a promise that is awaited elsewhere only stops an unhandled-rejection
 * crash; on a best-effort cleanup call (`body.cancel()`, `socket.close()`) there is nothing to handle.
 */
function marksHandled(ctx: ModuleContext, call: Node): boolean {
  const receiver = unwrap(unwrap(call.callee)?.object);
  // Prisma spells its client's methods with a `$`: `prisma.$disconnect()` closes the connection the same way.
  if (receiver?.type === 'CallExpression')
    return CLEANUP.test((calleeName(receiver) ?? '').replace(/^\$/, ''));
  if (receiver?.type !== 'Identifier' && receiver?.type !== 'MemberExpression') return false;
  const name = memberPath(receiver)?.join('.');
  if (name === undefined) return false;
  const fn = ctx.enclosingFunction(call);
  const scope = (fn?.body as Node | undefined) ?? ctx.program;
  const text = ctx.source.slice(scope.start, scope.end);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // Used again besides this `.catch(...)`: awaited, returned, raced or passed on.
  return (text.match(new RegExp(`(^|[^\\w.$])${escaped}(?![\\w$])`, 'g'))?.length ?? 0) > 1;
}
