// floating-promise has a second entry point: middy 1 callback hooks are judged in middyNextChains.ts
// (called from lambdaRules beside floatingRule), which this file never sees. Which calls start a promise
// is promiseCalls.ts.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { inGraphqlResolver } from '../graphqlResolvers.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { asyncPredicateRule } from './asyncPredicate.js';
import {
  answersBeforeRequest,
  answersThroughCallback,
  chainAnswers,
  NO_WAIT,
  runsUntilLoopDrains,
} from './callbackEraAnswers.js';
import { droppedChainStep } from './droppedChainStep.js';
import { droppedPromises } from './droppedPromise.js';
import { fetchBodyRead } from './fetchBodyRead.js';
import { floatingMessage } from './floatingMessage.js';
import { inHandlerHook, mayHaveHooks } from './handlerHooks.js';
import { keptImportedTests } from './keptImportedTests.js';
import { keptPromiseTests } from './keptPromiseTests.js';
import { listenerOwnsWork } from './listenerFeeds.js';
import { inConstructedClass } from './localInstanceMethods.js';
import { nestedArrays } from './nestedAllArrays.js';
import { PRISMA_METHODS, PRISMA_QUERY } from './prismaLazy.js';
import { isPromiseCall, settledBy } from './promiseCalls.js';
import { settlesExecutor } from './promiseExecutor.js';
import { certainPromise, promiseFieldReads } from './promiseFieldRead.js';
import type { Report } from './Report.js';
import { routeWork } from './routeHandlers.js';
import { sdkCallbacksAnsweredEarly } from './sdkCallbackAnswers.js';
import { loggedSdkCallbacks } from './sdkLoggedCallbacks.js';

export function floatingRule(ctx: ModuleContext, report: Report): void {
  const mayExecute = ctx.spells('new Promise');
  const mayHook = mayHaveHooks(ctx);
  // A module with no handler of its own: its functions are judged when a handler elsewhere reaches them.
  const helper = ctx.handlers.size === 0;
  // Cheap text tests first: only a module that ends a request may answer before it is sent.
  const endsRequest = !helper && ctx.spells('.end(') && /\bhttps?\b/.test(ctx.source);
  // Read only where a request is ended (answersBeforeRequest): elsewhere the whole-text search is skipped.
  const noWait = endsRequest && NO_WAIT.test(ctx.source);
  for (const stmt of ctx.of('ExpressionStatement')) {
    // The answer is wherever the context goes (a helper handed it), not only inside the handler.
    if (endsRequest && answersBeforeRequest(ctx, stmt, noWait)) {
      report(
        'floating-promise',
        stmt.expression as Node,
        'the invocation is answered right after req.end(): Lambda freezes while the request is still in flight, so it may never be sent and its failure is never seen',
      );
      continue;
    }
    // A step handed to the handler's `.then(...)` that drops its own chain (rules/droppedChainStep.ts).
    const step = !helper && droppedChainStep(ctx, stmt);
    // A hook of the options the handler is built from runs in the invocation (rules/handlerHooks.ts).
    const hook = !step && mayHook && ctx.handlerKindAt(stmt) === undefined && inHandlerHook(ctx, stmt);
    // A GraphQL resolver runs per request inside the API handler, however its map reaches the server
    // (js/graphqlResolvers.ts): no importer's call has to show it.
    // So does an Express-style route handler `(req, res) => ...` answering through `res` beside the Lambda
    // adapter serving it (routeHandlers.ts), whether or not the module also has a handler of its own.
    const runs = hook || (helper && inGraphqlResolver(ctx, stmt)) || routeWork(ctx, stmt);
    const onPath = step || runs || ctx.handlerKindAt(stmt) !== undefined || inConstructedClass(ctx, stmt);
    if (!helper && !onPath) continue;
    if (helper && !runs && ctx.enclosingFunction(stmt) === undefined) continue;
    let e = unwrap(stmt.expression);
    const voided = e?.type === 'UnaryExpression' && e.operator === 'void';
    if (voided) e = unwrap(e?.argument);
    // `await items.forEach(async ...)`: forEach answers undefined, so the await waits for nothing.
    const awaitedEach = e?.type === 'AwaitExpression' && calleeName(unwrap(e.argument) as Node) === 'forEach';
    if (awaitedEach) e = unwrap(e?.argument);
    if (e?.type !== 'CallExpression') continue;
    const promise = isPromiseCall(ctx, e);
    if (promise === false || (mayExecute && settlesExecutor(ctx, stmt))) continue;
    // A listener's chain that feeds its stream or handles its own rejection (rules/listenerFeeds.ts).
    if (listenerOwnsWork(ctx, stmt, e)) continue;
    if (!helper && !step && (runsUntilLoopDrains(ctx, stmt) || chainAnswers(ctx, stmt, e))) continue;
    // A called parameter's exports reach it through the calls that forward it (js/passedAsync.ts), a
    // wrapper built from the function among them.
    const forwarders =
      typeof promise === 'object' && 'slots' in promise ? promise.slots.map((s) => s.name) : [];
    const reaching =
      helper && !runs ? [...new Set([...exportsReaching(ctx, stmt, true), ...forwarders])] : [];
    if (helper && !runs && reaching.length === 0) continue;
    const message = step
      ? "this step of the handler's promise chain starts a chain and does not return it: the next step (often the answer) runs at once, and its failure never reaches the chain"
      : floatingMessage(ctx, e, voided, awaitedEach);
    report('floating-promise', e, message, {
      ...settledBy(ctx, promise),
      ...(helper && !runs ? { onlyIfExportOnHandlerPath: reaching, unlessCallbackEraOnly: reaching } : {}),
    });
  }
  // An array of promises given to a combinator as one element (rules/nestedAllArrays.ts).
  for (const { map, starts } of nestedArrays(ctx)) {
    const promise = starts === true ? true : isPromiseCall(ctx, starts);
    const onPath = ctx.handlerKindAt(map) !== undefined || inConstructedClass(ctx, map);
    const reaching = helper ? exportsReaching(ctx, map, true) : [];
    if (promise === false || (!helper && !onPath) || (helper && reaching.length === 0)) continue;
    const what = memberPath(map.callee)?.join('.') ?? 'map';
    report(
      'floating-promise',
      map,
      `${what}(...) is one element of a Promise combinator's array: the array is taken as a fulfilled value, so the promises in it are never awaited and their failures never seen (spread it: \`...${what}(...)\`)`,
      { ...settledBy(ctx, promise), ...(helper ? { onlyIfExportOnHandlerPath: reaching } : {}) },
    );
  }
  // An aws-sdk v2 call whose callback runs after the handler answered (rules/sdkCallbackAnswers.ts).
  if (!helper)
    for (const { call, why } of sdkCallbacksAnsweredEarly(ctx)) report('floating-promise', call, why);
  // In a helper, one whose callback only logs, when a handler reaches it (rules/sdkLoggedCallbacks.ts).
  else
    for (const { call, method } of loggedSdkCallbacks(ctx)) {
      const reaching = exportsReaching(ctx, call, true);
      if (reaching.length > 0)
        report(
          'floating-promise',
          call,
          `${method}(..., callback) is fired and its callback only logs: the helper returns at once, so the handler reaching it may answer and freeze with the request in flight`,
          { onlyIfExportOnHandlerPath: reaching },
        );
    }
  // A promise kept in a local that is only logged or put into the answer (rules/droppedPromise.ts).
  const sdkText = ctx.spells('send(') || ctx.spells('.promise()');
  // A project function kept the same way (`const resp = eventConsumer(detail)` answered as the body):
  // kept when the project pass finds the export async.
  const projectCalls = !helper && ctx.projectImports.size > 0;
  const dropped = sdkText || ctx.spells('fetch(') || projectCalls ? droppedPromises(ctx, projectCalls) : [];
  for (const { call, onlyLogged, imported } of dropped) {
    // A body read only logged is wrong wherever it runs (the log shows a pending promise): no path asked.
    // Put into a returned object or a `json(...)` it may be a framework's streamed answer (SvelteKit
    // `load`, Remix `defer`): only a handler's answer is judged, like any other kept promise.
    const anywhere = onlyLogged && fetchBodyRead(ctx, call);
    if (!anywhere && !helper && ctx.handlerKindAt(call) === undefined && !inConstructedClass(ctx, call))
      continue;
    const reaching = helper && !anywhere ? exportsReaching(ctx, call, true) : undefined;
    if (reaching?.length === 0 || (!helper && answersThroughCallback(ctx, call))) continue;
    const what = memberPath(call.callee)?.join('.') ?? 'call';
    report(
      'floating-promise',
      call,
      anywhere
        ? `${what}() is kept unawaited and only logged: it shows a pending promise instead of the body, and a failed read is unhandled`
        : `${what}(...) is kept but never awaited (only logged or put into the response): the handler returns while it is in flight`,
      {
        ...(reaching === undefined ? {} : { onlyIfExportOnHandlerPath: reaching }),
        ...(imported === undefined ? {} : { onlyIfImportAsync: imported }),
      },
    );
  }
  // A field read off the promise as if it were the answer (rules/promiseFieldRead.ts), or a kept promise
  // only tested or read as the answer (rules/keptPromiseTests.ts): a bug wherever it runs, so a handler's
  // path is asked only of a helper module outside a GraphQL resolver.
  const misread = [
    ...(sdkText ? promiseFieldReads(ctx).map((call) => ({ call, kept: false })) : []),
    ...(sdkText || ctx.testSpelled(PRISMA_QUERY, PRISMA_METHODS)
      ? keptPromiseTests(ctx, (call) => certainPromise(ctx, call)).map((k) => ({ ...k, kept: true }))
      : []),
    // The same of a method of a project module's exported object, when it is async (rules/keptImportedTests.ts).
    ...(ctx.projectImports.size > 0 ? keptImportedTests(ctx).map((k) => ({ ...k, kept: true })) : []),
  ];
  // An async callback handed to every/some/filter/find: its promise is always truthy (rules/asyncPredicate.ts).
  asyncPredicateRule(ctx, report);
  type Misread = { call: Node; kept: boolean; returned?: boolean; imported?: ImportRef };
  for (const { call, kept, returned, imported } of misread as Misread[]) {
    const reaching = helper && !inGraphqlResolver(ctx, call) ? exportsReaching(ctx, call, true) : undefined;
    if (reaching?.length === 0) continue;
    const what = memberPath(call.callee)?.join('.') ?? 'call';
    report(
      'floating-promise',
      call,
      returned
        ? `${what}(...) is kept unawaited, tested and returned under its own test: the promise is tested as a value and is always truthy, so the test never fails and the value it meant to check (a cache miss, a missing row) is never checked`
        : kept
          ? `${what}(...) is kept unawaited and then read as its answer (tested, or its fields read): a promise is always there and has no such fields, so the check never fires, and the request floats (a Prisma query never runs at all)`
          : `${what}(...) is not awaited, yet its answer's fields are read off the promise: they are always undefined, the request floats and its failure is never seen`,
      {
        ...(reaching === undefined ? {} : { onlyIfExportOnHandlerPath: reaching }),
        ...(imported === undefined ? {} : { onlyIfImportAsync: imported }),
      },
    );
  }
}
