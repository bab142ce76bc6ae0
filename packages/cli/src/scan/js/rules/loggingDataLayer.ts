// swallowed-error: a constant answer after a data layer that already logs. A catch that answers a fixed
// result (`return createResponse(500, { message: 'Internal Server Error' })`) without logging is reported
// because the cause leaves no trace. When every call of its try goes to another module's function that logs
// the error and rethrows it (`catch (err) { console.error('DYNAMO DB ERROR', err); throw response }`, also
// through a helper of that module, `throw this.dynamoErrorResponse(err)`), the cause is in the log already
// and the caller still answers a failure: the catch hides nothing.
import { forEachDescendant, memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { catchWithin } from '../catchReach.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isProjectSource } from '../ModuleContext.js';
import { isIoNode, isLogCall } from './catchFacts.js';
import { awaitedImportCalls, type LoggedCallRef, membersWhere, ownMembers } from './importedCallFacts.js';

/** The function, method or `this.helper` a call of this module stands for. */
function calledFunction(ctx: ModuleContext, call: Node, owner: Node | undefined): Node | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') return ctx.functionOf(callee);
  const path = memberPath(callee);
  if (owner === undefined || path?.length !== 2 || path[0] !== 'this') return undefined;
  const found = ownMembers(owner).get(path[1] ?? '');
  return found;
}

/** The catch logs (directly, or through a function of this module that logs) and then throws. */
function logsThenThrows(ctx: ModuleContext, handler: Node, owner: Node | undefined): boolean {
  const statements = (handler.body as Node).body as Node[];
  if (statements.at(-1)?.type !== 'ThrowStatement') return false;
  return someDescendant(
    handler.body as Node,
    (n) => {
      if (isLogCall(n)) return true;
      if (n.type !== 'CallExpression') return false;
      const fn = calledFunction(ctx, n, owner);
      return fn !== undefined && someDescendant(fn.body as Node, (d) => isLogCall(d), true);
    },
    true,
  );
}

/** Every call of the function to another system sits in a try whose catch logs and rethrows. */
function logsItsFailures(ctx: ModuleContext, fn: Node, owner: Node | undefined): boolean {
  let io = false;
  let bare = false;
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (bare) return false;
      if (n.type === 'TryStatement') {
        const handler = n.handler as Node | null;
        const guarded = handler != null && logsThenThrows(ctx, handler, owner);
        if (someDescendant(n.block as Node, (d) => isIoNode(ctx, d), true)) {
          if (guarded) io = true;
          else bare = true;
        }
        return false;
      }
      if (isIoNode(ctx, n)) bare = true;
      return !bare;
    },
    true,
  );
  return io && !bare;
}

/**
 * The names of an exported value that log their failures and rethrow: `['']` for a function, the
 * methods of an object literal or a class (`export default { getOne: async function () { ... } }`).
 */
export function loggedFailures(ctx: ModuleContext, value: Node): string[] | undefined {
  // Only a member with a try/catch of its own can log and rethrow (the exported value's own gate,
  // catchReach.ts, asked of each member): the others are not walked.
  return membersWhere(value, (fn, owner) => catchWithin(ctx, fn) && logsItsFailures(ctx, fn, owner));
}

/**
 * Every call of the try to another system is an awaited call of a project import (`await db.getOne(...)`,
 * `await saveOrder(...)`): the imports and methods the project pass asks about, or undefined.
 */
export function importedDataCalls(ctx: ModuleContext, block: Node): LoggedCallRef[] | undefined {
  return awaitedImportCalls(ctx, block, (call) => {
    const path = memberPath(call.callee);
    const imp = path !== undefined && path.length <= 2 ? ctx.imports.get(path[0] ?? '') : undefined;
    if (imp === undefined || !isProjectSource(imp.source) || (imp.imported === '*' && path?.length !== 2))
      return undefined;
    // `import * as db from './db'`: `db.getOne` is the module's export `getOne`.
    const [name, method] = imp.imported === '*' ? [path?.[1] ?? '', ''] : [imp.imported, path?.[1] ?? ''];
    return { from: ctx.file, source: imp.source, name, method };
  });
}
