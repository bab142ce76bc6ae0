// swallowed-error: a catch around calls of another module's helpers that end their own errors. An
// exported function (or a method of an exported object or class) whose every call to another system sits
// in an inner try whose catch does not rethrow (`export async function sendToAudit(e) { try { await
// sqs.send(...) } catch (err) { log(err) } }`) resolves whatever the remote system answers, so an
// importer's catch around it (`try { await sendToAudit(e) } catch (err) { log(err) }`) is reached only by
// local errors: the failure is judged once, at the helper's own catch. The same judgement the scan makes
// for the module's own exported helpers (selfHandledCalls.ts), across modules.
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import { catchReached } from '../catchReach.js';
import { isProjectSource, type ModuleContext } from '../ModuleContext.js';
import { namespaceChainMember } from '../namespaceChains.js';
import { ioHandledInside } from './handledInside.js';
import { awaitedImportCalls, type LoggedCallRef, membersWhere } from './importedCallFacts.js';
import type { Report } from './Report.js';

/**
 * The function's body reaches other systems only inside tries that end their errors (handledInside.ts),
 * and throws nothing of its own past them: `if (!res.ok) throw ...` after such a try still fails the
 * caller, with the failure the try let through.
 */
function endsItsFailures(ctx: ModuleContext, fn: Node): boolean {
  const body = fn.body as Node | undefined;
  return (
    body?.type === 'BlockStatement' &&
    ioHandledInside(ctx, body) &&
    !someDescendant(body, (n) => n.type === 'ThrowStatement' && !caughtWithin(ctx, n, body), true)
  );
}

/** The throw sits in the block of a try, inside `body`, whose catch does not rethrow: it ends there. */
function caughtWithin(ctx: ModuleContext, thrown: Node, body: Node): boolean {
  for (let at = thrown, p = ctx.parentOf(thrown); p !== undefined && at !== body; at = p, p = ctx.parentOf(p))
    if (
      p.type === 'TryStatement' &&
      p.block === at &&
      p.handler != null &&
      !someDescendant((p.handler as Node).body as Node, (n) => n.type === 'ThrowStatement', true)
    )
      return true;
  return false;
}

/**
 * The names of an exported value that end their own failures: `['']` for a function, the methods of an
 * object literal or a class that do.
 *
 * @example
 * endedFailures(ctx, fn) // ['']: export async function send(e) { try { await sqs.send(cmd) } catch (err) { log(err) } }
 */
export function endedFailures(ctx: ModuleContext, value: Node): string[] | undefined {
  if (!ctx.spells('catch')) return undefined;
  // Only a member with a catch of its own or in a helper it calls by name can end its failures (the
  // exported value's own gate, catchReach.ts, asked of each member): the others are not walked.
  return membersWhere(value, (fn) => catchReached(ctx, fn) && endsItsFailures(ctx, fn));
}

/**
 * The imported calls a swallowed-error finding carries (its `unlessImportsEnd`): every call of the catch's
 * try to another system, each an awaited call of a project import whose answer is unused. The project pass
 * drops the finding when each of them ends its own failures (importedEnds.ts).
 * @example
 * const refs: EndedCallRefs = [{ from: '/app/handler.ts', source: './audit', name: 'sendToAudit', method: '' }];
 */
export type EndedCallRefs = readonly LoggedCallRef[];

/**
 * What an awaited call stands for among the project's imports: `fn()` of a named import, `mod.fn()` of a
 * namespace or default import, or `service.method()` on a local made from an imported class
 * (`const service = Service.getInstance(...)`, `new Service(...)`).
 */
export function importedRef(ctx: ModuleContext, call: Node): LoggedCallRef | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(callee.name as string, callee);
    return imp !== undefined && imp.imported !== '*' && isProjectSource(imp.source)
      ? { from: ctx.file, source: imp.source, name: imp.imported, method: '' }
      : undefined;
  }
  const path = memberPath(callee);
  // `core.IoTData.publish(x)`: a member of namespaces the module passes on (js/namespaceChains.ts).
  const chain = (path?.length ?? 0) > 2 ? namespaceChainMember(ctx, callee) : undefined;
  if (chain !== undefined) return { from: ctx.file, ...chain };
  if (callee?.type !== 'MemberExpression' || path?.length !== 2) return undefined;
  const [object = '', method = ''] = path;
  const imp = ctx.importOf(object, callee);
  // A named import's member: an exported object's or class's method, or a namespace's function
  // (`IoTData.publish` of `export * as IoTData from './iot_data'`), which importedEnds.ts looks up.
  if (imp !== undefined)
    return isProjectSource(imp.source)
      ? {
          from: ctx.file,
          source: imp.source,
          name: imp.imported === '*' ? method : imp.imported,
          method: imp.imported === '*' ? '' : method,
        }
      : undefined;
  // `const service = Service.getInstance(...)` / `new Service(...)`: a method of the imported class.
  const made = unwrap(ctx.resolve(object, callee)?.init);
  const maker =
    made?.type === 'NewExpression'
      ? unwrap(made.callee)
      : made?.type === 'CallExpression'
        ? memberPath(made.callee)
        : undefined;
  const className = Array.isArray(maker)
    ? maker.length === 2
      ? maker[0]
      : undefined
    : maker?.type === 'Identifier'
      ? (maker.name as string)
      : undefined;
  const cls = className === undefined ? undefined : ctx.importOf(className, callee);
  return cls !== undefined && cls.imported !== '*' && isProjectSource(cls.source)
    ? { from: ctx.file, source: cls.source, name: cls.imported, method }
    : undefined;
}

/**
 * Every call of the block to another system is an awaited call of a project import, awaited as a
 * statement (`await sendToAudit(e);`): the calls, or undefined. A helper that ends its failures with a
 * value (`return null`) may still fail its caller where the answer is read (`[...results]` throws on
 * null), and that failure reaches the catch, so a call whose answer is used does not count.
 */
function unusedImportedCalls(ctx: ModuleContext, block: Node): LoggedCallRef[] | undefined {
  return awaitedImportCalls(ctx, block, (call, awaited) =>
    ctx.parentOf(awaited)?.type === 'ExpressionStatement' ? importedRef(ctx, call) : undefined,
  );
}

/**
 * The report for one catch: when every call of its try to another system is an awaited call of a project
 * import whose answer is not used (`await sendToAudit(e);`, `await service.sendToAudit(e);`), each finding
 * carries those calls, and the project pass drops it when every one of them ends its own errors.
 */
export function reportUnlessEnded(ctx: ModuleContext, tryStatement: Node, report: Report): Report {
  const refs = unusedImportedCalls(ctx, tryStatement.block as Node);
  if (refs === undefined) return report;
  return (rule, node, message, extra) => report(rule, node, message, { ...extra, unlessImportsEnd: refs });
}
