// swallowed-error: a project function that only presigns behind its own name (`createPresignedGetUrl(key)`,
// whose one call out is `getSignedUrl`). The rule takes a presign written in the try for local work (the
// signature is computed with the credentials the function holds; no request leaves it); the wrapper hid
// that from the call, which read as I/O. Each function is summarised once, in its module (and for its
// importers as ExportFact.presigns), and the catch around its call is judged by the summary.
import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, PRESIGN } from './catchFacts.js';
import { type LoggedCallRef, ownMembers } from './importedCallFacts.js';
import { importedRef } from './importedEndsErrors.js';
import type { Report } from './Report.js';

/** `Promise.all([...])` and its kin wait on what their arguments start: the arguments are judged instead. */
const GATHER = /^(all|allSettled|race|any)$/;

const known = new WeakMap<Node, boolean>();

/**
 * The function calls a presigner and reaches no other system: the module functions it calls are followed
 * (they must only presign too), and a `Promise.all` over them is no I/O of its own.
 *
 * @example
 * onlyPresigns(ctx, fn) // true for `async (key) => getSignedUrl(client, new GetObjectCommand({ Key: key }))`
 */
export function onlyPresigns(ctx: ModuleContext, fn: Node, seen = new Set<Node>()): boolean {
  const cached = known.get(fn);
  if (cached !== undefined) return cached;
  if (seen.has(fn)) return false;
  seen.add(fn);
  let presigns = false;
  // The function node itself is the root, so an expression body (`async (k) => getSignedUrl(...)`) is read.
  const other = someDescendant(fn, (n) => {
    if (n.type !== 'CallExpression' && n.type !== 'AwaitExpression') return false;
    const call = n.type === 'AwaitExpression' ? unwrap(n.argument) : n;
    if (call?.type !== 'CallExpression') return isIoNode(ctx, n);
    const name = calleeName(call) ?? '';
    if (PRESIGN.test(name)) {
      presigns = true;
      return false;
    }
    const local = ctx.functionOf(call.callee as Node);
    if (local !== undefined && local !== ctx.enclosingFunction(call)) {
      if (!onlyPresigns(ctx, local, seen)) return isIoNode(ctx, n);
      presigns = true;
      return false;
    }
    if (GATHER.test(name) && unwrap(unwrap(call.callee)?.object)?.name === 'Promise') return false;
    return isIoNode(ctx, n);
  });
  const answer = presigns && !other;
  known.set(fn, answer);
  return answer;
}

/**
 * The try's calls to other systems are all calls of functions that only presign: this module's are judged
 * here, those imported from the project are named for the project pass (ExportFact.presigns). Undefined
 * when another call reaches another system, or when there is none.
 *
 * @example
 * presignTry(ctx, tryBlock) // [] for `try { url = await createPresignedGetUrl(key) }` with the function in the module
 */
export function presignTry(ctx: ModuleContext, block: Node): readonly LoggedCallRef[] | undefined {
  let presigns = 0;
  const refs: LoggedCallRef[] = [];
  const other = someDescendant(
    block,
    (n) => {
      if (!isIoNode(ctx, n)) return false;
      const call = n.type === 'AwaitExpression' ? unwrap(n.argument) : undefined;
      if (call?.type !== 'CallExpression') return true;
      const fn = ctx.functionOf(call.callee as Node);
      if (fn !== undefined) {
        presigns++;
        return !onlyPresigns(ctx, fn);
      }
      const ref = importedRef(ctx, call);
      if (ref === undefined) return true;
      refs.push(ref);
      return false;
    },
    true,
  );
  return other || presigns + refs.length === 0 ? undefined : refs;
}

/**
 * The report for one catch whose try only presigns behind project functions: undefined (nothing to report:
 * no other system's failure reaches the catch) when they are all this module's; a report holding the
 * imported ones for the project pass, which drops the finding when each only presigns; else `report`.
 *
 * @example
 * presignCatchReport(ctx, handler, report) // undefined for `try { url = await createPresignedGetUrl(key) } catch (e) { log(e) }`
 */
export function presignCatchReport(ctx: ModuleContext, handler: Node, report: Report): Report | undefined {
  const tryStatement = ctx.parentOf(handler) as Node;
  const refs = presignTry(ctx, tryStatement.block as Node);
  if (refs === undefined) return report;
  if (refs.length === 0) return undefined;
  return (rule, node, message, extra) =>
    report(rule, node, message, { ...extra, unlessImportsPresign: refs });
}

/**
 * An export's functions that only presign, for its importers (ExportFact.presigns): `''` for a function,
 * else the methods of an object or class; undefined when none does.
 *
 * @example
 * presignExportFact(ctx, fn) // [''] for `export const createPresignedGetUrl = async (key) => getSignedUrl(...)`
 */
export function presignExportFact(ctx: ModuleContext, value: Node): string[] | undefined {
  if (!ctx.spells('getSignedUrl') && !ctx.spells('createPresignedPost')) return undefined;
  const members: [string, Node][] = isFunction(value)
    ? [['', value]]
    : value.type === 'ObjectExpression' ||
        value.type === 'ClassDeclaration' ||
        value.type === 'ClassExpression'
      ? [...ownMembers(value)]
      : [];
  const names = members.filter(([, fn]) => onlyPresigns(ctx, fn)).map(([name]) => name);
  return names.length > 0 ? names : undefined;
}
