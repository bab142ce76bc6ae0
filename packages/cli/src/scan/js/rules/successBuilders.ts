// swallowed-error: a catch that answers the failure through an answer builder whose HTTP status is a
// constant 2xx (`return formatJSONResponse({ message: err.message })` where the builder always answers
// `{ statusCode: 200, body }`, the Serverless starter's helper). The catch returns a built answer, which reads
// like the failure answered; but the status the client, or a webhook sender, sees is 200: the failed write
// passes for done and nobody retries. A builder in this module is read here; an imported one by the project
// pass (ExportFact.successAnswer). A builder whose status comes from its argument, or is only a default the
// call overrides, answers what its caller asks and is not one; but a call that leaves a 2xx default in place
// (`reply({ queued: true })` of `(data, statusCode = 200)`) answers 2xx all the same.

import { calleeName, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { answeredOnPurpose } from './ackComment.js';
import { bestEffortByDecision } from './bestEffortCatch.js';
import { onlyCleanup } from './catchExemptions.js';
import { isObservation } from './catchFacts.js';
import { deadStore } from './deadStores.js';
import type { Report } from './Report.js';
import { constant2xxObject, is2xx } from './successStatus.js';

/**
 * Every answer `fn` gives is an object with a constant 2xx status (`(body) => ({ statusCode: 200, body })`):
 * whatever its caller hands it, the client is told the request succeeded. A function with no answer, or
 * one whose status is a parameter (`(statusCode, body) => ({ statusCode, body })`), is not.
 *
 * @example
 * alwaysSuccessAnswer(parse('(r) => { return { statusCode: 200, body: JSON.stringify(r) } }')) // true
 */
export function alwaysSuccessAnswer(fn: Node, defaulted?: string): boolean {
  const body = fn.body as Node;
  if (body.type !== 'BlockStatement') return constant2xxObject(body, defaulted);
  let answers = 0;
  const other = someDescendant(
    body,
    (n) => {
      if (n.type !== 'ReturnStatement') return false;
      answers++;
      return !constant2xxObject(n.argument as Node | null, defaulted);
    },
    true,
  );
  return answers > 0 && !other;
}

/**
 * The index of `fn`'s status parameter when its default is a 2xx literal, the body never assigns it, and
 * every answer's statusCode is it or a constant 2xx: a call that leaves it out is answered 2xx. The index
 * counts the arguments a call hands (a TypeScript `this` parameter is none), and every use of the name must
 * resolve to that parameter: a builder that declares its own status (`const statusCode = 500`) is no default.
 *
 * @example
 * successDefaultAt(ctx, parse('(data, statusCode = 200) => ({ statusCode, body: JSON.stringify(data) })')) // 1
 */
export function successDefaultAt(ctx: ModuleContext, fn: Node): number | undefined {
  const params = (fn.params as Node[]).filter((p) => !(p.type === 'Identifier' && p.name === 'this'));
  for (const [at, p] of params.entries()) {
    if (p.type !== 'AssignmentPattern' || (p.left as Node).type !== 'Identifier' || !is2xx(p.right as Node))
      continue;
    const name = (p.left as Node).name as string;
    const foreign = someDescendant(fn.body as Node, (n) => {
      if (n.type !== 'Identifier' || n.name !== name) return false;
      const parent = ctx.parentOf(n);
      if (parent?.type === 'AssignmentExpression' && unwrap(parent.left as Node) === n) return true;
      // A property key or member name is no use of the binding.
      if (parent?.type === 'Property' && parent.key === n && !parent.shorthand) return false;
      if (parent?.type === 'MemberExpression' && parent.property === n && !parent.computed) return false;
      const b = ctx.resolve(name, n);
      return b?.kind !== 'param' || b.scope !== fn;
    });
    if (!foreign && alwaysSuccessAnswer(fn, name)) return at;
  }
  return undefined;
}

/** The builder call the catch's last statement returns (`return ok({ error })`, `return await ok(...)`). */
function returnedCall(last: Node | undefined): Node | undefined {
  if (last?.type !== 'ReturnStatement') return undefined;
  let v = unwrap(last.argument as Node | null);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  return v?.type === 'CallExpression' && unwrap(v.callee)?.type === 'Identifier' ? v : undefined;
}

/**
 * Reports a catch on a handler's path that only observes the failed I/O and returns a 2xx builder's answer.
 * True when it reported (or left it to the project pass).
 *
 * @example
 * // catch (e) { console.log(e); return formatJSONResponse({ message: 'Internal Server Error' }) }
 * successBuilderRule(ctx, handler, true, report) // true: kept when formatJSONResponse always answers 200
 */
export function successBuilderRule(ctx: ModuleContext, handler: Node, io: boolean, report: Report): boolean {
  const statements = (handler.body as Node).body as Node[];
  const call = returnedCall(statements.at(-1));
  if (!io || call === undefined) return false;
  // A function of a module with no handler of its own (a route function whose answer a handler may pass
  // on): held as a log-only catch there is (rules/swallowed.ts), on a handler's path, with a caller given an
  // event, and not a decided best effort or a failed cleanup. Whether the caller returns the answer, or
  // answers HTTP, is not read.
  const reaching = ctx.handlerKindAt(handler) === undefined ? helperReach(ctx, handler) : [];
  if (reaching === undefined) return false;
  const tryStatement = ctx.parentOf(handler) as Node;
  if (
    reaching.length > 0 &&
    (bestEffortByDecision(ctx, tryStatement, undefined) || onlyCleanup(ctx, tryStatement.block as Node))
  )
    return false;
  const onPath =
    reaching.length > 0
      ? { onlyIfExportOnHandlerPath: reaching, onlyIfEventCaller: sharedRequest(ctx, handler) }
      : {};
  // A flag the catch sets and nothing reads is no handling (deadStores.ts).
  if (!statements.slice(0, -1).every((s) => isObservation(s) || deadStore(ctx, s))) return false;
  // A comment saying why (a webhook acknowledged on purpose) is a decision.
  if (answeredOnPurpose(ctx, handler)) return false;
  const name = calleeName(call) as string;
  const message = `catch answers the failure through ${name}(), which answers HTTP 2xx for this call: the client is told the request succeeded and does not retry, and the work is lost`;
  const callee = unwrap(call.callee) as Node;
  // With a spread, how many arguments the call hands is unknown: only an always-2xx builder counts.
  const args = call.arguments as Node[];
  const handed = args.some((a) => a.type === 'SpreadElement') ? undefined : args.length;
  const imported = ctx.importOf(name, callee);
  if (imported !== undefined) {
    if (!mayBeProjectSource(imported.source) || imported.imported === '*') return false;
    report('swallowed-error', handler, message, {
      ...onPath,
      onlyIfImportSuccessAnswer: {
        from: ctx.file,
        source: imported.source,
        name: imported.imported,
        ...(handed !== undefined ? { args: handed } : {}),
      },
    });
    return true;
  }
  const local = ctx.functionOf(callee);
  if (local === undefined || !isFunction(local)) return false;
  const defaultAt = successDefaultAt(ctx, local);
  const leftDefault = defaultAt !== undefined && handed !== undefined && handed <= defaultAt;
  if (!alwaysSuccessAnswer(local) && !leftDefault) return false;
  report('swallowed-error', handler, message, reaching.length > 0 ? onPath : undefined);
  return true;
}

/**
 * The exports of a module with no handler of its own that reach `at`; undefined when the module has a
 * handler (code off its path is not judged) or nothing it exports reaches `at`.
 */
function helperReach(ctx: ModuleContext, at: Node): readonly string[] | undefined {
  if (ctx.handlers.size > 0 || ctx.batchHandlers.size > 0) return undefined;
  const reaching = exportsReaching(ctx, at, true);
  return reaching.length > 0 ? reaching : undefined;
}
