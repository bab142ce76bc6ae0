// floating-promise has a second entry point: middy 1 callback hooks are judged in middyNextChains.ts
// (called from lambdaRules beside floatingRule), which this file never sees.
import { assignedAsyncCall, type GlobalMemberCall } from '../assignedAsync.js';
import { calleeName, isFunction, memberPath, type Node, unwrap } from '../ast.js';
import { importedInstanceMethod, importedSingletonMethod } from '../asyncMethods.js';
import type { ImportRef } from '../Candidate.js';
import { inGraphqlResolver } from '../graphqlResolvers.js';
import { exportsReaching } from '../handlerImports.js';
import { isProjectSource, type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { namespaceChainMember } from '../namespaceChains.js';
import { type ParamSlot, paramSlots } from '../passedAsync.js';
import { pendingOnReturn } from '../pendingReturns.js';
import { importedCallee } from '../resultUse.js';
import { isSdkSend } from '../sdkSend.js';
import { type TypedCall, typedCall } from '../typedReceivers.js';
import { activeRecordWrite } from './activeRecordWrites.js';
import { algoliaRequest } from './algoliaCalls.js';
import { asyncPredicateRule } from './asyncPredicate.js';
import { awaitedElsewhere } from './awaitedSibling.js';
import { closesBrowser } from './browserClose.js';
import {
  answersBeforeRequest,
  answersThroughCallback,
  chainAnswers,
  NO_WAIT,
  runsUntilLoopDrains,
} from './callbackEraAnswers.js';
import { closesPromiseClient, pgPromiseCall } from './clientClose.js';
import { droppedChainStep } from './droppedChainStep.js';
import { droppedPromises } from './droppedPromise.js';
import { asyncErrFirstCallback } from './errFirstAsync.js';
import { fetchBodyRead } from './fetchBodyRead.js';
import { floatingMessage } from './floatingMessage.js';
import { emitsToAsyncListener, importedMapCall, unawaitedGroup } from './floatingShapes.js';
import { forksWaitedPromise } from './forkedChain.js';
import { inHandlerHook, mayHaveHooks } from './handlerHooks.js';
import { classifyHttpCall } from './http.js';
import { keptImportedTests } from './keptImportedTests.js';
import { keptPromiseTests } from './keptPromiseTests.js';
import { libraryEachOfAsync } from './libraryEach.js';
import { listenerOwnsWork } from './listenerFeeds.js';
import { inConstructedClass, localAsyncMethod } from './localInstanceMethods.js';
import { nestedArrays } from './nestedAllArrays.js';
import { PRISMA_METHODS, PRISMA_QUERY, prismaCall } from './prismaLazy.js';
import { settlesExecutor } from './promiseExecutor.js';
import { certainPromise, promiseFieldReads } from './promiseFieldRead.js';
import { callsPromiseParam } from './promiseParams.js';
import type { Report } from './Report.js';
import { routeWork } from './routeHandlers.js';
import { sdkCallbacksAnsweredEarly } from './sdkCallbackAnswers.js';
import { loggedSdkCallbacks } from './sdkLoggedCallbacks.js';
import { settledEach } from './settledAsync.js';
import { timerStartsWork } from './timerWork.js';

type PromiseCall =
  | boolean
  | { source: string; name: string; method?: string }
  | { slots: ParamSlot[] }
  | { typed: TypedCall }
  | { global: GlobalMemberCall };

function isPromiseCall(ctx: ModuleContext, call: Node): PromiseCall {
  // sync-request blocks until the answer is in: an HTTP call, yet no promise.
  const http = classifyHttpCall(ctx, call);
  if (http !== undefined) return http.sync !== true;
  const callee = unwrap(call.callee);
  const name = calleeName(call);
  if (libraryEachOfAsync(ctx, call) || asyncErrFirstCallback(ctx, call)) return true;
  if (callee?.type === 'MemberExpression') {
    if (isSdkSend(ctx, call)) return true;
    // A side chain hung on a local that is awaited elsewhere (rules/forkedChain.ts).
    if (/^(then|catch|finally)$/.test(name ?? '') && forksWaitedPromise(ctx, call)) return false;
    if (name === 'then' || name === 'finally') return true;
    if (name === 'catch' && unwrap(callee.object)?.type === 'CallExpression') return true;
    if (name === 'promise' && call.arguments.length === 0) return true;
    if (name === 'forEach') {
      // A callback that only logs or gathers has run to its end per item before forEach returns
      // (settledAsync.ts); any other body may throw (JSON.parse, a property read): an unhandled rejection.
      const cb = ctx.valueOf(call.arguments[0]);
      return cb !== undefined && isFunction(cb) && cb.async === true && !settledEach(cb);
    }
    if (name === 'execute' || name === 'fetch' || prismaCall(call)) return true;
    if (algoliaRequest(ctx, call)) return true;
    if (name === 'close' && closesBrowser(ctx, call)) return true;
    if (closesPromiseClient(ctx, call) || pgPromiseCall(ctx, call) || awaitedElsewhere(ctx, call))
      return true;
    if (unawaitedGroup(ctx, call) !== undefined || localAsyncMethod(ctx, call)) return true;
    // `vuln.save()` of `const vuln = await Vulnerability.findOne(q)`: an ORM entity's write (activeRecordWrites.ts).
    if (activeRecordWrite(ctx, call)) return true;
    // `files.map((f) => send(f))` of an imported `send`: async when the project pass finds it so.
    const mapped = importedMapCall(ctx, call);
    if (mapped !== undefined) return mapped;
    // `console.logError(err)` of `console.logError = async ...` here or in a module this one loads.
    const assigned = assignedAsyncCall(ctx, callee);
    if (assigned !== undefined) return assigned === true ? true : { global: assigned };
    if (emitsToAsyncListener(ctx, call)) return true;
    // `db.disconnect()` on an instance of the project's own class: the project pass decides. An `emit`
    // there asks whether the class subscribes itself to that event with an async listener.
    const imported = importedInstanceMethod(ctx, callee);
    if (imported?.method === 'emit') {
      const event = unwrap((call.arguments as Node[])[0]);
      return event?.type === 'Literal' && typeof event.value === 'string'
        ? { ...imported, method: `emit:${event.value}` }
        : false;
    }
    if (imported !== undefined) return imported;
    // `browse.emitBrowseTerms(docs)` of `const browse = require('./lib/browse-terms')`: a function of a
    // project module read through its namespace; the project pass asks whether that export is async.
    // A path alias (`src/services/iot`) may name it too: the resolver finds only scanned modules.
    const ns = importedCallee(ctx, callee);
    if (ns?.name !== undefined && mayBeProjectSource(ns.source)) return { source: ns.source, name: ns.name };
    // `users.assertUpdateOne(...)` of a repository singleton imported by name (asyncMethods.ts).
    const single = importedSingletonMethod(ctx, callee);
    if (single !== undefined && isProjectSource(single.source)) return single;
    // `core.IoTData.publish(x)`: through namespaces the module passes on (js/namespaceChains.ts).
    const chain = namespaceChainMember(ctx, callee);
    if (chain !== undefined) return chain;
    // `dataSources.redis.store(...)` of a parameter declared `{ dataSources }: Context`: the project pass
    // follows the declared types to the method (typedMethods.ts).
    // A local built by a factory is followed the same way (js/valueRoots.ts), and a library client's own
    // method (`context.kafkaProducer.disconnect()`) is decided here (js/libraryPromises.ts).
    const typed = typedCall(ctx, callee);
    return typed === true ? true : typed !== undefined ? { typed } : false;
  }
  if (callee?.type === 'Identifier') {
    if (timerStartsWork(ctx, call, (inner) => isPromiseCall(ctx, inner) === true)) return true;
    const fn = ctx.functionOf(callee);
    if (fn !== undefined) return pendingOnReturn(ctx, fn);
    if (callsPromiseParam(ctx, callee)) return true;
    // An untyped parameter: the project pass asks what every handler reaching it hands in (js/passedAsync.ts).
    const slots = paramSlots(ctx, callee);
    if (slots !== undefined) return { slots };
    // A relative import, or one of the project's workspace packages: the project pass decides.
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp !== undefined && !imp.source.startsWith('node:') && imp.imported !== '*')
      return { source: imp.source, name: imp.imported };
  }
  return false;
}

/** What the project pass must confirm before a call counts as a promise (nothing when known here). */
function settledBy(ctx: ModuleContext, promise: Exclude<PromiseCall, false>) {
  if (promise === true) return {};
  if ('slots' in promise) return { onlyIfParamAsync: promise.slots };
  if ('typed' in promise) return { onlyIfTypedAsync: { from: ctx.file, ...promise.typed } };
  if ('global' in promise) return { onlyIfGlobalAsync: { from: ctx.file, ...promise.global } };
  return { onlyIfImportAsync: { from: ctx.file, ...promise } };
}

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
