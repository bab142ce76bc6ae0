// swallowed-error: what a silent catch (no log, no read of the error) answers, when that answer is a
// constant that hides the failure. Written out (`return { statusCode: 400 }`, silentCatch.ts), handed to a
// callback-era handler's `callback(null, ...)` (callbackAnswer.ts), or built by a project response builder
// whose status is fixed (`return Responses._400({ message: 'Could not get categories' })`,
// fixedStatusBuilders.ts): each answers the same constant, and the failure leaves no trace.

import { ownEntry } from '../../ownEntry.js';
import { memberPath, type Node, numberValue, propertyName, unwrap } from '../ast.js';
import { projectImport } from '../asyncMethods.js';
import type { ImportConditions } from '../importConditions.js';
import type { ModuleContext } from '../ModuleContext.js';
import { blockAnswer } from './callbackAnswer.js';
import { fixedStatus, fixedStatusMethods } from './fixedStatusBuilders.js';
import { constantHidingAnswer, isConstant } from './silentCatch.js';

/**
 * The status a builder call answers when its owner is of this module (`Responses._400(...)` of a local
 * `const Responses = {...}`, `badRequest(...)`), or the condition naming the project import that decides it.
 */
function builderStatus(
  ctx: ModuleContext,
  call: Node,
): { readonly status: number } | { readonly condition: ImportConditions } | undefined {
  const callee = unwrap(call.callee);
  const path = memberPath(callee);
  if (path === undefined || path.length > 2) return undefined;
  const root = path.length === 1 ? callee : unwrap(callee?.object as Node | undefined);
  if (root?.type !== 'Identifier') return undefined;
  const method =
    path.length === 2 ? propertyName(callee?.property as Node, callee?.computed as boolean) : undefined;
  const imp = projectImport(ctx, root);
  // An imported function (`formatJSONResponse(...)`) is judged by the checks after this one
  // (successBuilders.ts, failureResult.ts): only an imported object's method is read here.
  if (imp !== undefined && method === undefined) return undefined;
  if (imp !== undefined) {
    const ref = { from: ctx.file, source: imp.source };
    // `import * as api` names no one export: its member is the export.
    const named =
      imp.imported === '*'
        ? method === undefined
          ? undefined
          : { ...ref, name: method }
        : { ...ref, name: imp.imported, ...(method !== undefined ? { method } : {}) };
    return named === undefined ? undefined : { condition: { onlyIfImportFixedStatus: named } };
  }
  if (ctx.resolve(root.name as string, root) === undefined) return undefined;
  const status =
    method === undefined
      ? (() => {
          const fn = ctx.functionOf(root);
          return fn === undefined ? undefined : fixedStatus(ctx, fn);
        })()
      : ownEntry(fixedStatusMethods(ctx, root), method);
  return status === undefined ? undefined : { status };
}

/**
 * The catch's only statement answers a constant that hides the failure: {} when that is known here, the
 * import conditions the project pass settles when a builder of another module decides it; else undefined.
 *
 * @example
 * silentAnswer(ctx, handler) // catch (error) { return Responses._400({ error: true }) } -> { onlyIfImportFixedStatus: ... }
 */
export function silentAnswer(ctx: ModuleContext, handler: Node): ImportConditions | undefined {
  const statements = (handler.body as Node).body as Node[];
  const answered = blockAnswer(ctx, statements);
  if (answered === undefined || answered.before.length > 0 || answered.answer === null) return undefined;
  let value = unwrap(answered.answer);
  if (value?.type === 'AwaitExpression') value = unwrap(value.argument as Node);
  if (value === undefined) return undefined;
  if (value.type === 'ObjectExpression') return constantHidingAnswer(value) ? {} : undefined;
  // The builder is handed only constants (the error is never read), and no status of its caller's:
  // `respond(400, {...})` is a failure answer failureResult.ts reads.
  const args = value.type === 'CallExpression' ? (value.arguments as Node[]) : [];
  if (
    value.type !== 'CallExpression' ||
    !args.every((a) => isConstant(a)) ||
    args.some((a) => numberValue(a) !== undefined)
  )
    return undefined;
  const built = builderStatus(ctx, value);
  if (built === undefined) return undefined;
  if ('condition' in built) return built.condition;
  // A fixed 5xx tells the caller it failed (and API Gateway counts it): only a 2xx-4xx hides the failure.
  return built.status < 500 ? {} : undefined;
}
