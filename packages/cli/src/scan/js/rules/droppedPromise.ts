// A promise kept in a variable that nothing settles: `const res = ddb.send(new PutItemCommand(item))`
// followed only by `logger.debug('res', res)` and `return sendResponse(200, res)`. The write is still in
// flight when the handler returns (the response body serialises the pending promise as `{}`), so Lambda
// may freeze it and its failure is never seen.
import { calleeName, forEachDescendant, memberPath, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { projectCall } from '../projectCall.js';
import { isSdkSend } from '../sdkSend.js';
import { fetchBodyRead } from './fetchBodyRead.js';

const LOGGERS = /^(?:console|logger|log|Logger|LOGGER|LOG)$/;
const LOG_METHODS = /^(?:log|debug|info|warn|error|trace|verbose)$/;
/** Helpers that build a response serialise their arguments into the body (`sendResponse(200, res)`). */
const RESPONSE_BUILDER = /respon[sd]|reply|stringify|json/i;

/** A call that certainly answers a promise: an AWS SDK send, v2's `.promise()`, a fetch body read. */
function certainPromise(ctx: ModuleContext, call: Node): boolean {
  return (
    (calleeName(call) === 'promise' && call.arguments.length === 0) ||
    isSdkSend(ctx, call) ||
    fetchBodyRead(ctx, call)
  );
}

/** The reference only logs the promise or puts it into the handler's answer: nothing waits for it. */
function dropped(ctx: ModuleContext, ref: Node, fn: Node): boolean {
  const parent = ctx.parentOf(ref);
  if (parent?.type === 'CallExpression' && (parent.arguments as Node[]).includes(ref)) {
    if (logs(parent)) return true;
    return RESPONSE_BUILDER.test(calleeName(parent) ?? '') && inReturn(ctx, parent, fn);
  }
  // `return { statusCode: 200, body: res }`: the object is the answer, the promise in it is never awaited;
  // `logger.debug('put', { res })` only logs it.
  if (parent?.type === 'Property' && parent.value === ref) {
    const holder = ctx.parentOf(ctx.parentOf(parent) as Node);
    return (holder?.type === 'CallExpression' && logs(holder)) || inReturn(ctx, parent, fn);
  }
  return false;
}

/** The reference is an argument of a log call, or a property of an object literal handed to one. */
function loggedHere(ctx: ModuleContext, ref: Node): boolean {
  const parent = ctx.parentOf(ref);
  if (parent?.type === 'CallExpression') return logs(parent);
  const holder = ctx.parentOf(ctx.parentOf(parent as Node) as Node);
  return parent?.type === 'Property' && holder?.type === 'CallExpression' && logs(holder);
}

/** `console.log(...)`, `logger.debug(...)`: a call that only writes its arguments to the log. */
export function logs(call: Node): boolean {
  const path = memberPath(call.callee);
  return path?.length === 2 && LOGGERS.test(path[0] as string) && LOG_METHODS.test(path[1] as string);
}

/** The node is part of the value a `return` of the function gives (not the returned value itself). */
function inReturn(ctx: ModuleContext, node: Node, fn: Node): boolean {
  for (let n = ctx.parentOf(node); n !== undefined && n !== fn; n = ctx.parentOf(n))
    if (n.type === 'ReturnStatement') return true;
  return false;
}

export interface DroppedPromise {
  readonly call: Node;
  /** Every use of the local is a log call (none puts it into an answer). */
  readonly onlyLogged: boolean;
  /**
   * The project import called (`consumer(detail)`, `consumers.carrierEventConsumer(detail)`) when the call
   * is not known to answer a promise here: the project pass keeps the finding if that export is async.
   */
  readonly imported?: ImportRef;
}

/**
 * Calls whose promise is bound to a local that is never awaited, returned, chained or handed on: every
 * use of it (if any) logs it or puts it into the response. With `projectCalls`, a call of a project
 * import (projectCall.ts) is admitted too, with the import named: only that module says if it is async.
 *
 * @example
 * droppedPromises(ctx) // `const res = ddb.send(cmd); return sendResponse(200, res);` -> [{ call: the send call, onlyLogged: false }]
 */
export function droppedPromises(ctx: ModuleContext, projectCalls = false): DroppedPromise[] {
  const out: DroppedPromise[] = [];
  for (const call of ctx.of('CallExpression')) {
    const declarator = ctx.parentOf(call);
    if (declarator?.type !== 'VariableDeclarator' || declarator.init !== call) continue;
    const id = unwrap(declarator.id);
    const fn = ctx.enclosingFunction(call);
    if (id?.type !== 'Identifier' || fn === undefined) continue;
    const imported = certainPromise(ctx, call) || !projectCalls ? undefined : projectCall(ctx, call);
    if (imported === undefined && !certainPromise(ctx, call)) continue;
    let settled = false;
    let logged = 0;
    let other = 0;
    forEachDescendant(fn.body as Node, (n) => {
      if (settled) return false;
      if (n.type !== 'Identifier' || n === id || n.name !== id.name) return true;
      const parent = ctx.parentOf(n);
      // A property key (`{ res: 1 }`, `x.res`) is not a reference.
      if (parent?.type === 'MemberExpression' && parent.property === n && parent.computed !== true)
        return true;
      if (parent?.type === 'Property' && parent.key === n && parent.value !== n) return true;
      if (ctx.resolve(id.name as string, n)?.declaration !== declarator) return true;
      if (!dropped(ctx, n, fn)) settled = true;
      else if (loggedHere(ctx, n)) logged++;
      else other++;
      return true;
    });
    if (!settled)
      out.push({ call, onlyLogged: logged > 0 && other === 0, ...(imported ? { imported } : {}) });
  }
  return out;
}
