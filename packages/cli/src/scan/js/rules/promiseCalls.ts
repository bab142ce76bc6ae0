// Which calls start a promise, for floating-promise (floating.ts): a library's request, an SDK send, a
// chain, the project's own async functions (some decided by the project pass, see settledBy).
import { assignedAsyncCall, type GlobalMemberCall } from '../assignedAsync.js';
import { calleeName, isFunction, type Node, unwrap } from '../ast.js';
import { importedInstanceMethod, importedSingletonMethod } from '../asyncMethods.js';
import type { HttpCall } from '../httpCall.js';
import { isProjectSource, type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { namespaceChainMember } from '../namespaceChains.js';
import { type ParamSlot, paramSlots } from '../passedAsync.js';
import { pendingOnReturn } from '../pendingReturns.js';
import { importedCallee } from '../resultUse.js';
import { isSdkSend } from '../sdkSend.js';
import { type TypedCall, typedCall } from '../typedReceivers.js';
import { activeRecordWrite } from './activeRecordWrites.js';
import { algoliaRequest } from './algoliaCalls.js';
import { awaitedElsewhere } from './awaitedSibling.js';
import { closesBrowser } from './browserClose.js';
import { closesPromiseClient, pgPromiseCall } from './clientClose.js';
import { asyncErrFirstCallback } from './errFirstAsync.js';
import { emitsToAsyncListener, importedMapCall, unawaitedGroup } from './floatingShapes.js';
import { forksWaitedPromise } from './forkedChain.js';
import { classifyHttpCall } from './http.js';
import { libraryEachOfAsync } from './libraryEach.js';
import { localAsyncMethod } from './localInstanceMethods.js';
import { prismaCall } from './prismaLazy.js';
import { callsPromiseParam } from './promiseParams.js';
import { onlyLogs } from './sdkLoggedCallbacks.js';
import { settledEach } from './settledAsync.js';
import { timerStartsWork } from './timerWork.js';

export type PromiseCall =
  | boolean
  | { source: string; name: string; method?: string }
  | { slots: ParamSlot[] }
  | { typed: TypedCall }
  | { global: GlobalMemberCall };

/**
 * Does the call start a promise: true, false, or what the project pass must confirm.
 *
 * @example
 * isPromiseCall(ctx, call) // fetch(url) -> true; request(opts, (err, res) => cb(err, res)) -> false
 */
export function isPromiseCall(ctx: ModuleContext, call: Node): PromiseCall {
  // sync-request blocks until the answer is in: an HTTP call, yet no promise.
  const http = classifyHttpCall(ctx, call);
  if (http !== undefined) return http.sync !== true && !handsOnByCallback(ctx, call, http);
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

/**
 * request's or needle's callback form answers a stream, not a promise (familyCallbacks.ts): in callback-era
 * code its callback is how the outcome reaches the caller. It still floats when the callback only logs (the
 * request is fired and forgotten, as loggedSdkCallbacks reads an aws-sdk v2 one) or an async function
 * starts it, whose promise settles without it.
 */
function handsOnByCallback(ctx: ModuleContext, call: Node, http: HttpCall): boolean {
  if (http.callback !== true || ctx.enclosingFunction(call)?.async === true) return false;
  const callback = unwrap((call.arguments as Node[]).at(-1));
  return !(isFunction(callback) && onlyLogs(callback as Node));
}

/** What the project pass must confirm before a call counts as a promise (nothing when known here). */
export function settledBy(ctx: ModuleContext, promise: Exclude<PromiseCall, false>) {
  if (promise === true) return {};
  if ('slots' in promise) return { onlyIfParamAsync: promise.slots };
  if ('typed' in promise) return { onlyIfTypedAsync: { from: ctx.file, ...promise.typed } };
  if ('global' in promise) return { onlyIfGlobalAsync: { from: ctx.file, ...promise.global } };
  return { onlyIfImportAsync: { from: ctx.file, ...promise } };
}
