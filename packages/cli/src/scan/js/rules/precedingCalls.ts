// A call "before" another is work on its path only when that path runs through it: a send inside an `if` that
// returns, or a delete for another message kind, did not run on the path that reaches the later call.
// sideRecords.ts and insertGuards.ts both excuse a call by what ran before it, so both ask the same question.
import { forEachDescendant, isFunction, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * Nodes whose branches or bodies run only sometimes (a catch clause only on failure, a loop's body perhaps
 * never), keyed to the part that always runs when they do.
 */
const BRANCHING = new Map([
  ['IfStatement', 'test'],
  ['ConditionalExpression', 'test'],
  ['SwitchStatement', 'discriminant'],
  ['LogicalExpression', 'left'],
  ['CatchClause', ''],
  ['ForStatement', 'init'],
  ['ForOfStatement', 'right'],
  ['ForInStatement', 'right'],
  ['WhileStatement', 'test'],
]);

/**
 * The calls that may run on the path to `node` inside its function: calls in the statements before it in
 * its block and in each enclosing block, not in an `if` branch that returns or throws, not in another
 * branch (switch, `&&`, ternary, catch, a loop's body) and not in a nested function. A `try` block before
 * `node` counts; its `catch` does not.
 *
 * @example
 * precedingCalls(ctx, insert) // [sendEmail(...)] in: await sendEmail(m); await db.insert(log).values(...)
 */
export function precedingCalls(ctx: ModuleContext, node: Node): Node[] {
  const calls: Node[] = [];
  for (let c = node, p = ctx.parentOf(node); p !== undefined && !isFunction(c); c = p, p = ctx.parentOf(p)) {
    const body = p.type === 'BlockStatement' || p.type === 'Program' ? (p.body as Node[]) : undefined;
    if (body === undefined) continue;
    for (const statement of body) {
      if (statement.start >= c.start) break;
      collect(statement, calls);
    }
  }
  return calls;
}

/** Does `branch` leave (return, throw, break, continue) rather than fall through? */
function exits(branch: Node): boolean {
  const leaves = (n: Node) => /^(Return|Throw|Break|Continue)Statement$/.test(n.type);
  return leaves(branch) || someDescendant(branch, leaves, true);
}

/** The calls in `statement` that run, when it runs, before what follows it. */
function collect(statement: Node, calls: Node[]): void {
  if (statement.type === 'IfStatement') {
    // A branch that falls through to what follows ran on its path when taken (`if (old.length) delete(old)`
    // before an insert); one that returns or throws is another path (`if (reset) { delete(); return; }`).
    collect(statement.test as Node, calls);
    for (const branch of [statement.consequent, statement.alternate] as (Node | null)[])
      if (branch != null && !exits(branch)) collect(branch, calls);
    return;
  }
  const always = BRANCHING.get(statement.type);
  if (always !== undefined) {
    // The test runs; the branches may not.
    const test = always === '' ? undefined : (statement[always] as Node | null | undefined);
    if (test != null) collect(test, calls);
    return;
  }
  if (statement.type === 'CallExpression') calls.push(statement);
  forEachDescendant(statement, (n) => {
    if (isFunction(n)) return false;
    if (BRANCHING.has(n.type)) {
      collect(n, calls);
      return false;
    }
    if (n.type === 'CallExpression') calls.push(n);
    return true;
  });
}
