// A poll loop that waits only for success: `while (true) { const r = await send(new GetQueryResults(...));
// if (r.status === 'Complete') break; await sleep(200) }`. Every job API it polls has failure states too
// (CloudWatch Logs Insights Failed/Cancelled/Timeout, Athena FAILED/CANCELLED, Step Functions FAILED/
// TIMED_OUT/ABORTED, Glue, CodeBuild, Transcribe): a job that ends in one of them is polled for as long as
// the function runs. The SDK's own waiters bound a poll with maxWaitTime; a hand-written one needs an
// attempt limit or a deadline, and an exit on the failure states.
import {
  isBooleanLiteral,
  isFunction,
  lastName,
  type Node,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isRetryLoop, LOOP_STATEMENTS } from '../retryLoop.js';
import type { RetrySite } from './retryLibraries.js';

/**
 * An attempt counter or a clock compared against a limit (`attempts < 20`, `Date.now() - started > max`,
 * `context.getRemainingTimeInMillis() < 5000`); a clock merely read (`let now = Date.now()`) bounds nothing.
 */
export const POLL_LIMIT =
  /\b\w*(attempt|tries|retries|retry|round|iteration|poll|count)\w*\s*(<|>|===|!==)|(<|>)=?\s*\w*(attempt|tries|retries|retry|round|iteration|poll|count)\w*\b|Date\.now\(\)\s*(-\s*[\w.]+\s*)?[<>]|[<>]=?\s*Date\.now\(\)|getRemainingTimeInMillis|\bAbortSignal\.timeout\b|\bnew Date\(\)\s*[<>]|[<>]=?\s*new Date\(\)|deadline|throwIfAborted|\.aborted\b|(\+\+|--)\s*[\w$.]+\s*[<>]|[\w$.]+\s*(\+\+|--)\s*[<>]/i;
/** The names of a wait between rounds (`await sleep(ms)`, `await delay(ms)`): shared with retryReadyPolls.ts. */
export const SLEEP = /^(sleep|delay|wait|pause|setTimeout|backoff|timeout)$/i;
/** The field a job API answers its state in. */
const STATUS_FIELD = /status|state|phase/i;
/** A status value that names a failure: its presence means the loop looks at failures. */
const FAILURE = /fail|error|cancel|abort|timed?_?out|reject|stop|expire|invalid|unknown/i;
/** A failure state named in the loop (a list of terminal states, a thrown message): an exit on failure. */
export const FAILURE_NAMED = /['"`][A-Z_]*(FAIL|CANCEL|ABORT|TIMED_OUT|ERROR)/i;
const COMPARE = new Set(['===', '!==', '==', '!=']);

/**
 * `x.status === 'Complete'`, `state !== "SUCCEEDED"`: the string compared with a status field and whether
 * the comparison is an equality (`===`, `==`), if so.
 */
export function statusCompared(node: Node): { value: string; equal: boolean } | undefined {
  if (node.type !== 'BinaryExpression' || !COMPARE.has(node.operator as string)) return undefined;
  for (const [a, b] of [
    [node.left, node.right],
    [node.right, node.left],
  ] as [Node, Node][]) {
    const value = stringValue(unwrap(a));
    const other = unwrap(b);
    const name =
      other?.type === 'MemberExpression'
        ? propertyName(other.property as Node, other.computed as boolean)
        : other?.type === 'Identifier'
          ? (other.name as string)
          : undefined;
    if (value !== undefined && name !== undefined && STATUS_FIELD.test(name))
      return { value, equal: node.operator === '===' || node.operator === '==' };
  }
  return undefined;
}

/** Does `node` (an if's consequent) leave the loop: a break or a return? */
function leaves(node: Node | undefined): boolean {
  if (node === undefined) return false;
  if (node.type === 'BreakStatement' || node.type === 'ReturnStatement') return true;
  let found = false;
  ownNodes(node, (n) => {
    if (n.type === 'BreakStatement' || n.type === 'ReturnStatement') found = true;
  });
  return found;
}

/** Walks `root` without entering nested loops or functions: the work of this loop's own rounds. */
export function ownNodes(root: Node | undefined, visit: (n: Node) => void): void {
  if (root === undefined || root === null) return;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n !== root) {
      visit(n);
      if (LOOP_STATEMENTS.has(n.type) || isFunction(n)) continue;
    }
    for (const key in n) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const child = n[key];
      if (Array.isArray(child)) {
        for (const c of child)
          if (c !== null && typeof c === 'object' && typeof c.type === 'string') stack.push(c);
      } else if (child !== null && typeof child === 'object' && typeof child.type === 'string')
        stack.push(child);
    }
  }
}

/** The loop's text less its nested loops and functions: a deadline there bounds other work, not this poll. */
export function ownText(ctx: ModuleContext, loop: Node): string {
  const cuts: Node[] = [];
  ownNodes(loop.body as Node, (n) => {
    if (LOOP_STATEMENTS.has(n.type) || isFunction(n)) cuts.push(n);
  });
  cuts.sort((a, b) => a.start - b.start);
  let out = '';
  let at = loop.start;
  for (const cut of cuts) {
    out += ctx.source.slice(at, cut.start);
    at = cut.end;
  }
  return out + ctx.source.slice(at, loop.end);
}

/** The loop's own test goes round forever or until a status comparison says done. */
function pollTest(loop: Node): boolean {
  const test = loop.test as Node | null | undefined;
  if (test == null) return loop.type === 'ForStatement';
  if (loop.type === 'ForStatement') return false;
  // `while (status !== 'SUCCEEDED')` goes round on every other state, failures included.
  return isBooleanLiteral(test, true) || statusCompared(unwrap(test) as Node)?.equal === false;
}

/**
 * A poll loop with no attempt limit or deadline that compares a status only with values that are not
 * failures, awaits a call and sleeps between rounds.
 */
export function pollSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (!pollTest(loop) || isRetryLoop(loop)) return undefined;
  const text = ownText(ctx, loop);
  if (POLL_LIMIT.test(text)) return undefined;
  // The states the loop leaves on by equality (`if (r.status === 'Complete') break`): it goes round on all
  // the others. A loop that leaves on inequality (`if (state !== 'Pending') return`) goes round only on
  // the states it names, so a failure ends it.
  const statuses: string[] = [];
  let leavesOnOthers = false;
  let sleeps = false;
  let awaitsWork = false;
  const test = loop.test as Node | null | undefined;
  const fromTest = test == null ? undefined : statusCompared(unwrap(test) as Node);
  if (fromTest !== undefined) statuses.push(fromTest.value);
  ownNodes(loop.body as Node, (n) => {
    if (n.type === 'IfStatement') {
      const status = statusCompared(unwrap(n.test as Node) as Node);
      if (status !== undefined && leaves(n.consequent as Node)) {
        if (status.equal) statuses.push(status.value);
        else leavesOnOthers = true;
      }
    }
    if (n.type !== 'AwaitExpression') return;
    const arg = unwrap(n.argument as Node);
    const call = arg?.type === 'NewExpression' ? arg : arg?.type === 'CallExpression' ? arg : undefined;
    if (call === undefined) return;
    const callee = unwrap(call.callee);
    const name = lastName(callee);
    const timer =
      call.type === 'NewExpression' && /\bsetTimeout\b/.test(ctx.source.slice(call.start, call.end));
    if (timer || (name !== undefined && SLEEP.test(name))) sleeps = true;
    else awaitsWork = true;
  });
  if (
    !sleeps ||
    !awaitsWork ||
    leavesOnOthers ||
    statuses.length === 0 ||
    statuses.some((v) => FAILURE.test(v))
  )
    return undefined;
  // A failure state named anywhere in the loop (a list of terminal states, a thrown message) is an exit.
  if (FAILURE_NAMED.test(text)) return undefined;
  return {
    node: loop,
    label: 'poll loop',
    unbounded: `poll loop waits only for status '${statuses[0]}', with no attempt limit or deadline: a job that fails or is cancelled is polled until the function times out`,
    noBreaker: true,
  };
}
