// swallowed-error: catch blocks and promise rejections that hide failures, and unchecked fetch
// responses.
import {
  calleeName,
  isDefaultValue,
  isFunction,
  memberPath,
  type Node,
  someDescendant,
  unwrap,
} from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callersRead } from '../resultUse.js';
import { isSdkSend } from '../sdkSend.js';
import { authCatch } from './auth.js';
import { callbackResultRule } from './callbackResult.js';
import {
  bestEffortTelemetry,
  doesIo,
  hasComment,
  isObservation,
  onlyCleanup,
  saysWhy,
  selectsOwnWork,
  telemetryName,
  throwsAfter,
} from './catchFacts.js';
import { type DropShape, dropShape } from './catchShapes.js';
import { rethrowsOnlyOnFlag } from './flagRethrow.js';
import { classifyHttpCall } from './http.js';
import type { Report, Rule } from './Report.js';
import { serverErrorResultRule } from './serverErrorResult.js';
import { localTokenCheck, silentConstantAnswer } from './silentCatch.js';
import { uncheckedResponse } from './uncheckedFetch.js';

/** `return`, `return undefined`, `return null`: an answer a property read fails on. */
const nothing = (n: Node | null | undefined) =>
  n == null ||
  (n.type === 'Identifier' && n.name === 'undefined') ||
  (n.type === 'Literal' && n.value === null);

/**
 * The try returns a value and is the function's last statement, so a catch that only logs makes the
 * function return undefined: the same "nothing" as `return undefined`.
 */
function fallsOutWithUndefined(ctx: ModuleContext, tryStatement: Node): boolean {
  const block = ctx.parentOf(tryStatement);
  const fn = block === undefined ? undefined : ctx.parentOf(block);
  if (block?.type !== 'BlockStatement' || fn === undefined || !isFunction(fn) || fn.body !== block)
    return false;
  if ((block.body as Node[]).at(-1) !== tryStatement) return false;
  return someDescendant(
    tryStatement.block,
    (n) => n.type === 'ReturnStatement' && n.argument != null && !isDefaultValue(n.argument),
    true,
  );
}

/** The try sends only telemetry, or sits in a function named for it (`sendMetric`, `sendAnonymizedMetric`). */
function telemetryPath(ctx: ModuleContext, tryStatement: Node): boolean {
  return bestEffortTelemetry(ctx, tryStatement) || inTelemetryFunction(ctx, tryStatement);
}

function inTelemetryFunction(ctx: ModuleContext, node: Node): boolean {
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined) return false;
  const parent = ctx.parentOf(fn);
  const name =
    fn.id?.name ??
    (parent?.type === 'VariableDeclarator' ||
    parent?.type === 'MethodDefinition' ||
    parent?.type === 'Property'
      ? (parent.id ?? parent.key)?.name
      : undefined);
  return telemetryName(name);
}

/**
 * The catch only logs by decision (a comment says so; a `continue` whose comment says the item is
 * skipped) or on a path that throws right after: not reported. A `break` or a handled error class is
 * judged by what it does, whatever its comment says.
 */
function bestEffortByDecision(ctx: ModuleContext, tryStatement: Node, shape: DropShape | undefined): boolean {
  if (throwsAfter(ctx, tryStatement)) return true;
  if (shape === undefined) return saysWhy(ctx, tryStatement);
  const last = ((tryStatement.handler as Node).body as Node).body.at(-1) as Node | undefined;
  return last?.type === 'ContinueStatement' && saysWhy(ctx, tryStatement, /\bskip/i);
}

const SHAPE_MESSAGE: Record<DropShape, string> = {
  'leaves-loop':
    'catch logs and leaves the loop: the items it did not reach are dropped and the caller goes on as if all were done',
  'one-kind':
    'catch answers only the errors its check recognises: every other failure falls through and the code after the try runs as if it had succeeded',
  'stand-in':
    "catch logs and puts a stand-in value where the failed read's result would have gone: the rest of the code cannot tell it from real data",
};

export const swallowRules: Rule = (ctx: ModuleContext, report: Report) => {
  callbackResultRule(ctx, report);
  serverErrorResultRule(ctx, report);
  const comments = ctx.comments;
  for (const handler of ctx.of('CatchClause')) {
    const body = handler.body as Node;
    const statements = body.body as Node[];
    const tryStatement = ctx.parentOf(handler) as Node;
    // A catch that answers 401 is not "swallowed", it is wrong: infra-error-as-auth reports it.
    if (authCatch(ctx, handler)) continue;
    if (statements.length === 0) {
      if (!hasComment(ctx, comments, body))
        report('swallowed-error', handler, 'empty catch block: the error disappears');
      continue;
    }
    if (someDescendant(body, (n) => n.type === 'ThrowStatement', true)) continue;
    // Best-effort telemetry (`sendMetric`, `trackUsage`): losing one data point is the intended outcome.
    const io =
      doesIo(ctx, tryStatement.block) &&
      !telemetryPath(ctx, tryStatement) &&
      !localTokenCheck(ctx, tryStatement.block);
    const shape: DropShape | undefined = statements.every((s) => isObservation(s))
      ? undefined
      : dropShape(ctx, handler);
    const onlyLogs = shape !== undefined || statements.every((s) => isObservation(s));
    const returnsDefault =
      statements.every((s) => isObservation(s) || s.type === 'ReturnStatement') &&
      statements.some((s) => s.type === 'ReturnStatement' && isDefaultValue(s.argument)) &&
      !statements.some((s) => s.type === 'ReturnStatement' && !isDefaultValue(s.argument));
    const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
    const returnsError =
      param !== undefined &&
      statements.every((s) => isObservation(s) || s.type === 'ReturnStatement') &&
      statements.some((s) => s.type === 'ReturnStatement' && unwrap(s.argument)?.name === param);
    if (returnsError && io && ctx.handlerKindAt(handler) === 'entry') {
      report(
        'swallowed-error',
        handler,
        'the handler returns the caught error as its result: the invocation succeeds and the work is lost',
      );
    } else if (io && silentConstantAnswer(handler)) {
      report(
        'swallowed-error',
        handler,
        'catch answers a constant result without logging or reading the error: the failure leaves no trace and looks like a normal answer',
      );
    } else if (returnsDefault && io) {
      // undefined/null that every caller dereferences at once fails there (resultUse.ts).
      const readers = statements.every((s) => s.type !== 'ReturnStatement' || nothing(s.argument))
        ? callersRead(ctx, handler)
        : undefined;
      const nextRun = ctx.handlerKindAt(handler) !== undefined && selectsOwnWork(ctx);
      // No handler here: kept unless only jobs reach it (their next run selects the work again).
      const jobs = ctx.handlers.size === 0 ? { onlyIfEventCaller: sharedRequest(ctx, handler) } : {};
      if (readers !== 'all-read' && !nextRun)
        report(
          'swallowed-error',
          handler,
          'catch returns an empty/default value after I/O: the caller cannot tell failure from "nothing"',
          { ...jobs, ...(Array.isArray(readers) ? { unlessCallersRead: readers } : {}) },
        );
    } else if (onlyLogs && shape === undefined && io && fallsOutWithUndefined(ctx, tryStatement)) {
      const readers = callersRead(ctx, handler);
      if (readers !== 'all-read')
        report(
          'swallowed-error',
          handler,
          'catch only logs, so the function returns undefined after failed I/O: the caller cannot tell failure from "nothing"',
          Array.isArray(readers) ? { unlessCallersRead: readers } : undefined,
        );
    } else if (
      onlyLogs &&
      io &&
      ctx.handlerKindAt(handler) !== undefined &&
      !onlyCleanup(ctx, tryStatement.block) &&
      !bestEffortByDecision(ctx, tryStatement, shape) &&
      (shape !== undefined || !selectsOwnWork(ctx))
    ) {
      report(
        'swallowed-error',
        handler,
        shape === undefined
          ? 'catch only logs on a Lambda handler path: the invocation succeeds and the work is lost'
          : `${SHAPE_MESSAGE[shape]} on a Lambda handler path`,
      );
    } else if (
      onlyLogs &&
      io &&
      ctx.handlerKindAt(handler) === undefined &&
      !onlyCleanup(ctx, tryStatement.block) &&
      !bestEffortByDecision(ctx, tryStatement, shape)
    ) {
      // A helper module's catch: on the handler path when a handler elsewhere calls an export reaching it.
      const exported = exportsReaching(ctx, handler);
      if (exported.length > 0)
        report(
          'swallowed-error',
          handler,
          shape === undefined
            ? 'catch only logs in a function a Lambda handler calls: the invocation succeeds and the work is lost'
            : `${SHAPE_MESSAGE[shape]} in a function a Lambda handler calls`,
          {
            onlyIfExportOnHandlerPath: exported,
            ...(shape === undefined ? { onlyIfEventCaller: sharedRequest(ctx, handler) } : {}),
          },
        );
    }
  }

  for (const call of ctx.of('CallExpression')) {
    // `.catch(() => {})`, `.catch(() => null)`, `.catch(noop)`
    if (
      calleeName(call) === 'catch' &&
      unwrap(call.callee)?.type === 'MemberExpression' &&
      call.arguments.length === 1
    ) {
      const fn = ctx.valueOf(call.arguments[0]);
      // Checked before marksHandled: the wrapper returns this chain, so its value is the caller's result.
      if (fn !== undefined && isFunction(fn) && rethrowsOnlyOnFlag(ctx, fn)) {
        report(
          'swallowed-error',
          call,
          '.catch() rethrows only when a flag is set: with it off the rejection is logged and the promise resolves undefined',
        );
        continue;
      }
      if (marksHandled(ctx, call)) continue;
      if (fn !== undefined && isFunction(fn)) {
        const b = fn.body as Node;
        const empty =
          b.type === 'BlockStatement'
            ? (b.body as Node[]).length === 0 && !hasComment(ctx, comments, b)
            : isDefaultValue(b);
        const returnsDefault =
          b.type === 'BlockStatement' &&
          (b.body as Node[]).length === 1 &&
          (b.body as Node[])[0]?.type === 'ReturnStatement' &&
          isDefaultValue((b.body as Node[])[0]?.argument);
        if (empty || returnsDefault) report('swallowed-error', call, '.catch() discards the rejection');
        else if (droppedSdkChain(ctx, call, b))
          report(
            'swallowed-error',
            fn,
            '.catch() only logs a failed AWS call whose promise nobody awaits: the caller goes on as if it succeeded',
          );
      } else if (
        unwrap(call.arguments[0])?.type === 'Identifier' &&
        /^(noop|ignore|_\.noop)$/.test(unwrap(call.arguments[0])?.name as string)
      ) {
        report('swallowed-error', call, '.catch(noop) discards the rejection');
      }
      continue;
    }
    // fetch responses whose status is never looked at.
    const http = classifyHttpCall(ctx, call);
    if (http?.lib !== 'fetch' || inTelemetryFunction(ctx, call)) continue;
    const unchecked = uncheckedResponse(ctx, call);
    if (unchecked !== undefined) report('swallowed-error', call, unchecked);
  }
};

/**
 * `ddb.batchWrite(params).promise().then(...).catch((err) => console.log(err))` as a statement: the
 * chain's only handler logs, nothing awaits or returns the chain, and it carries an AWS call (a v2
 * `.promise()`, a v3 `send`), so the function returns before the write and never learns it failed.
 */
function droppedSdkChain(ctx: ModuleContext, call: Node, body: Node): boolean {
  const statements = body.type === 'BlockStatement' ? (body.body as Node[]) : [body];
  if (statements.length === 0 || !statements.every((s) => isObservation(s))) return false;
  if (ctx.parentOf(call)?.type !== 'ExpressionStatement' || inTelemetryFunction(ctx, call)) return false;
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

const CLEANUP =
  /^(cancel|close|destroy|release|abort|dispose|unref|end|disconnect|quit|unlink|rm|remove|unsubscribe|kill|terminate|return)$/;

/**
 * `p.catch(() => undefined)` on a promise that is awaited elsewhere only stops an unhandled-rejection
 * crash; on a best-effort cleanup call (`body.cancel()`, `socket.close()`) there is nothing to handle.
 */
function marksHandled(ctx: ModuleContext, call: Node): boolean {
  const receiver = unwrap(unwrap(call.callee)?.object);
  if (receiver?.type === 'CallExpression') return CLEANUP.test(calleeName(receiver) ?? '');
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
