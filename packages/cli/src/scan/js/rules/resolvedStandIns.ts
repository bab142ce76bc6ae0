// swallowed-error for hand-made promise wrappers: a function returns `new Promise((resolve, reject) => ...)`
// around I/O, and the failure branch (a catch in the executor, or the `if (err)` of an error-first
// callback) resolves a stand-in (`resolve(false)`, `resolve([])`, `resolve(null)`, `resolve(true)`) where
// `reject(err)` belongs. The wrapper is the catch: its callers get an ordinary-looking answer and cannot
// tell a failed read from "nothing there", or a failed write from a refused one. As with a catch that
// returns a default (swallowed.ts), a nullish or falsy stand-in every caller tests and fails on is fine;
// an empty list, an empty object or `true` passes any such test, so the callers cannot catch it.
import { forEachDescendant, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { exportsReaching } from '../handlerImports.js';
import { isExported } from '../isExported.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callersRead, readersCondition } from '../resultUse.js';
import { aroundWholeRun } from './bestEffortCatch.js';
import { selectsOwnWork } from './catchExemptions.js';
import { BEST_EFFORT, doesIo, isIoNode, isObservation, saysWhy } from './catchFacts.js';
import { falsy, nothing } from './catchShapes.js';
import { ERROR_PARAM } from './errorFirstCallbacks.js';
import { logStatesDecision } from './loggedDecision.js';
import type { Report } from './Report.js';
import { sdkCallWithCallback } from './sdkCallbackAnswers.js';

/** How a caller could see the stand-in: `nullish`/`falsy` answers fail a caller's test, `unseen` ones pass it. */
type StandIn = 'nullish' | 'falsy' | 'unseen';

/** What the stand-in is, or undefined when the value is real data (a variable, a computed answer). */
function standInOf(value: Node | undefined): StandIn | undefined {
  const v = unwrap(value);
  if (nothing(v)) return 'nullish';
  if (falsy(v)) return 'falsy';
  if (v?.type === 'ArrayExpression' && (v.elements as Node[]).length === 0) return 'unseen';
  if (v?.type === 'ObjectExpression' && (v.properties as Node[]).length === 0) return 'unseen';
  return undefined;
}

/** `resolve(x)` as a statement, with `resolve` the executor's own parameter: its argument, else undefined. */
function resolvedBy(statement: Node, resolve: string): { value: Node | undefined } | undefined {
  const call = statement.type === 'ExpressionStatement' ? unwrap(statement.expression as Node) : undefined;
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee as Node) : undefined;
  if (call === undefined || callee?.type !== 'Identifier' || callee.name !== resolve) return undefined;
  return { value: (call.arguments as Node[])[0] };
}

/**
 * A failure branch that only logs and resolves a stand-in (a bare `return` may end it): what the stand-in
 * is, or undefined when the branch rejects, rethrows, or hands on anything else.
 */
function branchStandIn(statements: Node[], resolve: string): StandIn | undefined {
  let found: StandIn | undefined;
  for (const s of statements) {
    if (isObservation(s) || (s.type === 'ReturnStatement' && s.argument == null)) continue;
    const r = resolvedBy(s, resolve);
    const kind = r === undefined ? undefined : standInOf(r.value);
    if (kind === undefined || found !== undefined) return undefined;
    found = kind;
  }
  return found;
}

/** The statements of a branch: a block's body, or the one statement. */
const bodyOf = (n: Node): Node[] => (n.type === 'BlockStatement' ? (n.body as Node[]) : [n]);

/** The executor of a `new Promise(...)` the function around it returns: the executor and its resolve name. */
function returnedExecutor(ctx: ModuleContext, made: Node): { executor: Node; resolve: string } | undefined {
  if (unwrap(made.callee as Node)?.name !== 'Promise') return undefined;
  const executor = unwrap((made.arguments as Node[])[0]);
  const resolve = executor !== undefined && isFunction(executor) ? (executor.params as Node[])[0] : undefined;
  if (executor === undefined || resolve?.type !== 'Identifier') return undefined;
  const { node, parent } = ctx.climb(
    made,
    (p) => p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  // `return new Promise(...)`, or an arrow whose body is the promise: the wrapper answers what it resolves.
  const returned =
    parent?.type === 'ReturnStatement' ||
    (parent !== undefined && isFunction(parent) && parent.body === node);
  return returned ? { executor, resolve: resolve.name as string } : undefined;
}

/** A node inside a failure branch of the executor: a catch clause, or the body of an `if (err)`. */
function inFailureBranch(ctx: ModuleContext, n: Node, executor: Node): boolean {
  for (let at = n, p = ctx.parentOf(n); p !== undefined && at !== executor; at = p, p = ctx.parentOf(p)) {
    if (p.type === 'CatchClause') return true;
    const test = p.type === 'IfStatement' && p.consequent === at ? unwrap(p.test as Node) : undefined;
    if (test?.type === 'Identifier' && ERROR_PARAM.test(test.name as string)) return true;
  }
  return false;
}

/**
 * `false` is also what the wrapper answers on a path that is no failure (`resolve(false)` for "not yours"):
 * its callers already take false for "not done", which the failure is too. (A null or an empty list there
 * would say "nothing there", which a failure is not: those stay judged.) A `resolve(false)` in another
 * failure branch is no such answer.
 */
function falseIsAnAnswer(ctx: ModuleContext, executor: Node, resolve: string): boolean {
  return someDescendant(executor, (n) => {
    if (n.type !== 'CallExpression') return false;
    const callee = unwrap(n.callee as Node);
    const value = unwrap((n.arguments as Node[])[0]);
    if (callee?.name !== resolve || value?.type !== 'Literal' || value.value !== false) return false;
    return !inFailureBranch(ctx, n, executor);
  });
}

/**
 * Every call of a wrapper the module keeps to itself is the last statement of a try whose catch only logs:
 * a rejection would have been swallowed there all the same, and nothing after the call in that try reads
 * the stand-in, so it loses nothing more (that catch is judged itself). An exported wrapper has callers
 * this module cannot see.
 */
function callersCatchAnyway(ctx: ModuleContext, wrapper: Node): boolean {
  if (isExported(ctx, wrapper)) return false;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== wrapper) continue;
    calls++;
    let at: Node | undefined = call;
    let caught = false;
    for (let p = ctx.parentOf(at); p !== undefined && !isFunction(p); at = p, p = ctx.parentOf(p))
      if (p.type === 'TryStatement' && p.block === at && p.handler != null) {
        const last = (p.block.body as Node[]).at(-1);
        caught =
          last !== undefined &&
          call.start >= last.start &&
          call.end <= last.end &&
          (p.handler.body.body as Node[]).every((s) => isObservation(s));
        break;
      }
    if (!caught) return false;
  }
  return calls > 0;
}

/** One failure branch of the executor: where to report, the statement that did the I/O, the stand-in. */
interface Branch {
  at: Node;
  work: Node;
  kind: StandIn;
}

/** The failure branches of an executor: its own catches, and the `if (err)` of a client call's callback. */
function failureBranches(ctx: ModuleContext, executor: Node, resolve: string): Branch[] {
  const branches: Branch[] = [];
  // Only the executor's own nodes (not the module's, and not those of functions nested in it).
  const handlers: Node[] = [];
  const calls: Node[] = [];
  forEachDescendant(
    executor.body as Node,
    (n) => {
      if (n.type === 'CatchClause') handlers.push(n);
      else if (n.type === 'CallExpression') calls.push(n);
      return undefined;
    },
    true,
  );
  for (const handler of handlers) {
    const tryStatement = ctx.parentOf(handler) as Node;
    const kind = branchStandIn(handler.body.body as Node[], resolve);
    // Only awaited work can fail into the catch: a floating `put(...).promise()` rejects after it is left.
    const awaited = someDescendant(tryStatement.block, (n) => n.type === 'AwaitExpression', true);
    if (kind !== undefined && awaited && doesIo(ctx, tryStatement.block))
      branches.push({ at: handler, work: tryStatement, kind });
  }
  for (const call of calls) {
    // A method of a client (`documentClient.query(params, (err, data) => ...)`), its callback last.
    if (unwrap(call.callee as Node)?.type !== 'MemberExpression') continue;
    // Only a call to another system (`jwt.verify`, `fs.readFile` fail on their own input, not an outage).
    if (!isIoNode(ctx, call) && sdkCallWithCallback(ctx, call) === undefined) continue;
    const callback = unwrap((call.arguments as Node[]).at(-1));
    if (callback === undefined || !isFunction(callback) || callback.body.type !== 'BlockStatement') continue;
    const error = (callback.params as Node[])[0];
    if (error?.type !== 'Identifier' || !ERROR_PARAM.test(error.name as string)) continue;
    for (const s of callback.body.body as Node[]) {
      const test = s.type === 'IfStatement' ? unwrap(s.test as Node) : undefined;
      if (test?.type !== 'Identifier' || test.name !== error.name) continue;
      const kind = branchStandIn(bodyOf(s.consequent as Node), resolve);
      // As for a catch: a comment or a log line in the branch that decides the stand-in is a design.
      const text = ctx.source.slice(s.start, s.end);
      const block = s.consequent as Node;
      const decided =
        BEST_EFFORT.test(text) ||
        (block.type === 'BlockStatement' && logStatesDecision({ body: block } as unknown as Node));
      if (kind !== undefined && !decided) branches.push({ at: s, work: call, kind });
    }
  }
  return branches;
}

/**
 * Reports each stand-in branch; the catches it reported, which swallowed.ts then leaves alone.
 *
 * @example
 * resolvedStandInRule(ctx, report) // return new Promise(async (resolve) => { try { await put() } catch (e) { resolve(false) } })
 */
export function resolvedStandInRule(ctx: ModuleContext, report: Report): Set<Node> {
  const judged = new Set<Node>();
  // Cheap text test first: a hand-made promise somewhere in the module.
  if (!ctx.source.includes('new Promise')) return judged;
  for (const made of ctx.of('NewExpression')) {
    const wrapper = returnedExecutor(ctx, made);
    if (wrapper === undefined) continue;
    // A job that selects its own work finds the item again on its next run, unless the wrapper is its run.
    const job = ctx.handlerKindAt(made) !== undefined && selectsOwnWork(ctx);
    for (const branch of failureBranches(ctx, wrapper.executor, wrapper.resolve)) {
      if (job && !(branch.work.type === 'TryStatement' && aroundWholeRun(ctx, branch.work))) continue;
      // A comment in the branch that decides the stand-in (`// best effort: no list is fine`) is a design.
      if (branch.work.type === 'TryStatement' && saysWhy(ctx, branch.work, undefined, true)) continue;
      if (branch.kind === 'falsy' && falseIsAnAnswer(ctx, wrapper.executor, wrapper.resolve)) continue;
      const fn = ctx.enclosingFunction(made);
      if (fn !== undefined && callersCatchAnyway(ctx, fn)) continue;
      const answer = branch.kind === 'unseen' ? undefined : branch.kind;
      const readers = answer === undefined ? undefined : callersRead(ctx, made, answer);
      if (readers === 'all-read') continue;
      // In a helper module, only an export a handler reaches matters (a wrapper nothing calls loses nothing).
      const exported = ctx.handlers.size === 0 ? exportsReaching(ctx, made, true) : [];
      if (ctx.handlers.size === 0 && exported.length === 0) continue;
      judged.add(branch.at);
      report(
        'swallowed-error',
        branch.at,
        "the promise wrapper's failure branch resolves a stand-in instead of rejecting: the function's callers get an ordinary answer and go on as if the call had succeeded",
        {
          ...(ctx.handlers.size === 0
            ? { onlyIfExportOnHandlerPath: exported, onlyIfEventCaller: sharedRequest(ctx, made) }
            : {}),
          ...readersCondition(readers, answer),
        },
      );
    }
  }
  return judged;
}
