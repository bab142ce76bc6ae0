// swallowed-error for errors answered as a tuple: await-to-js's `const [err, value] = await to(promise)`
// turns a rejection into a value, and the `if (err)` after it plays the part of a catch. A branch that only
// logs and answers nothing, a constant or an empty value lets the
// handler report success with the work undone, as a catch that only logs does (swallowed.ts).
import { type Node, someDescendant, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import { isEmptyValue } from '../emptyValues.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { selectsOwnWork } from './catchExemptions.js';
import { isObservation } from './catchFacts.js';
import type { Report } from './Report.js';

/** `to(...)` imported from await-to-js (default or named), the error-first tuple. */
function isToCall(ctx: ModuleContext, call: Node | undefined): boolean {
  const callee = unwrap(call?.callee);
  if (call?.type !== 'CallExpression' || callee?.type !== 'Identifier') return false;
  return ctx.importOf(callee.name as string, call)?.source === 'await-to-js';
}

/** A branch answer that is no failure: nothing, a literal (`return false`, `return true`) or an empty value. */
function quietReturn(statement: Node): boolean {
  if (statement.type !== 'ReturnStatement') return false;
  const arg = unwrap(statement.argument as Node | null);
  return arg == null || arg.type === 'Literal' || isEmptyValue(arg);
}

/** The `if (err)` branch only observes the error, then falls through or answers quietly. */
function quietBranch(branch: Node): boolean {
  const statements = branch.type === 'BlockStatement' ? (branch.body as Node[]) : [branch];
  if (someDescendant(branch, (n) => n.type === 'ThrowStatement', true)) return false;
  return statements.every((s) => isObservation(s) || quietReturn(s));
}

/** The `if` statements after `from` in `fn` whose test is `err` itself (`if (err)`, `if (err != null)`). */
function errorTests(ctx: ModuleContext, fn: Node, name: string, from: number): Node[] {
  const tests: Node[] = [];
  someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'IfStatement' || n.start < from) return false;
    const test = ctx.source.slice(n.test.start, n.test.end).replace(/\s+/g, '');
    if (test === name || new RegExp(`^${name}!==?(null|undefined)$`).test(test)) tests.push(n);
    return false;
  });
  return tests;
}

/**
 * Reports `if (err)` branches of await-to-js tuples that only log on a Lambda handler's path.
 *
 * @example
 * const [error, pdf] = await to(S3.getFile(bucket, key)); if (error) { log.error(error); return false; } // reported
 */
export function errorTuplesRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('await-to-js')) return;
  for (const declarator of ctx.of('CallExpression')) {
    if (!isToCall(ctx, declarator)) continue;
    const { parent } = ctx.climb(
      declarator,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'ArrayPattern') continue;
    const fn = ctx.enclosingFunction(parent);
    if (fn === undefined) continue;
    const first = ((parent.id.elements as (Node | null)[])[0] ?? undefined) as Node | undefined;
    const name = first?.type === 'Identifier' ? (first.name as string) : undefined;
    // An error never tested is left alone: the value is then usually read at once (`result.Item`), which
    // fails loudly on the undefined a rejection leaves, or the awaited helper catches its own failures.
    if (name === undefined) continue;
    const targets = errorTests(ctx, fn, name, parent.end)
      .filter((t) => quietBranch(t.consequent as Node))
      .map((t) => ({
        node: t,
        message:
          'the error of an await-to-js tuple is only logged: the code answers as if the call had succeeded',
      }));
    for (const { node, message } of targets) {
      if (ctx.handlerKindAt(node) !== undefined) {
        if (!selectsOwnWork(ctx)) report('swallowed-error', node, `${message} on a Lambda handler path`);
        continue;
      }
      const exported = exportsReaching(ctx, node, true);
      if (exported.length > 0)
        report('swallowed-error', node, `${message} in a function a Lambda handler calls`, {
          onlyIfExportOnHandlerPath: exported,
          onlyIfEventCaller: sharedRequest(ctx, node),
        });
    }
  }
}
