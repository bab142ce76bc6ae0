// swallowed-error, the retry-loop case: a loop retries a call and, once it runs out of attempts, carries
// on as if the call had succeeded (`return { Status: 'Success' }`, a default, or nothing), so the last
// error is dropped and the caller is told the work was done.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { failureObject } from './failureResult.js';
import type { Report, Rule } from './Report.js';

const COMPARE = new Set(['<', '<=', '>', '>=']);

/** Names compared against a bound in the loop's test: `retries < 10`, `attempt <= MAX`. */
function counters(loop: Node): Set<string> {
  const out = new Set<string>();
  const test = unwrap(loop.test);
  if (test === undefined) return out;
  someDescendant(
    { type: 'Wrapper', start: 0, end: 0, test } as unknown as Node,
    (n) => {
      if (n.type === 'BinaryExpression' && COMPARE.has(n.operator as string))
        for (const side of [unwrap(n.left), unwrap(n.right)])
          if (side?.type === 'Identifier') out.add(side.name as string);
      return false;
    },
    true,
  );
  return out;
}

function mentions(node: Node | undefined, names: Set<string>): boolean {
  return someDescendant(
    { type: 'Wrapper', start: 0, end: 0, node } as unknown as Node,
    (n) => n.type === 'Identifier' && names.has(n.name as string),
    true,
  );
}

/** The catch gives up loudly: a throw outside any `if`, or one under a test of the attempt counter. */
function givesUpLoudly(handler: Node, names: Set<string>): boolean {
  const ifs: Node[] = [];
  const throws: Node[] = [];
  someDescendant(
    handler.body,
    (n) => {
      if (n.type === 'IfStatement' || n.type === 'ConditionalExpression') ifs.push(n);
      else if (n.type === 'ThrowStatement') throws.push(n);
      return false;
    },
    true,
  );
  return throws.some((t) => {
    // The innermost condition around the throw (by source range).
    let inner: Node | undefined;
    for (const c of ifs)
      if (c.start < t.start && t.end <= c.end && (inner === undefined || c.start > inner.start)) inner = c;
    return inner === undefined || mentions(inner.test, names);
  });
}

export const exhaustedRetryRules: Rule = (ctx: ModuleContext, report: Report) => {
  for (const type of ['WhileStatement', 'DoWhileStatement', 'ForStatement'] as const) {
    for (const loop of ctx.of(type)) {
      const names = counters(loop);
      if (names.size === 0) continue;
      const tries: Node[] = [];
      someDescendant(
        loop.body,
        (n) => {
          if (n.type === 'TryStatement' && n.handler != null) tries.push(n);
          return false;
        },
        true,
      );
      for (const attempt of tries) {
        const block = attempt.block as Node;
        const awaits = someDescendant(block, (n) => n.type === 'AwaitExpression', true);
        const leavesOnSuccess = someDescendant(
          block,
          (n) => n.type === 'BreakStatement' || n.type === 'ReturnStatement',
          true,
        );
        if (!awaits || !leavesOnSuccess) continue;
        const handler = attempt.handler as Node;
        if (givesUpLoudly(handler, names)) continue;
        // What runs after the loop: a throw there (`if (!done) throw ...`) reports the exhaustion.
        const parent = ctx.parentOf(loop);
        const siblings = parent?.type === 'BlockStatement' ? (parent.body as Node[]) : [];
        const after = siblings.slice(siblings.indexOf(loop) + 1);
        if (
          after.some(
            (s) => s.type === 'ThrowStatement' || someDescendant(s, (n) => n.type === 'ThrowStatement', true),
          )
        )
          continue;
        // The catch only retries or falls out, and after the loop the function answers the exhaustion as a
        // failure (`return { success: false, retryable: true }`): the caller is told the call failed, not
        // that it succeeded. (A catch with its own answer is judged by that answer: failureResult.ts.)
        if (
          !someDescendant(handler.body, (n) => n.type === 'ReturnStatement', true) &&
          after.some((s) => s.type === 'ReturnStatement' && failureObject(s.argument as Node | null, true))
        )
          continue;
        report(
          'swallowed-error',
          handler,
          'retry loop runs out of attempts and carries on as if the call succeeded: the last error is dropped',
        );
      }
    }
  }
};
