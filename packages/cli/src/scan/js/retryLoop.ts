// What a hand-written retry loop looks like, for the rules that report around one (retryLoops.ts,
// retryPromiseAll.ts) and for protection.ts, which counts one as a retry around the work inside it.
import { isFunction, type Node, someDescendant, unwrap } from './ast.js';

/**
 * A hand-written retry: a loop whose body tries awaited work, leaves the loop when it succeeds (a
 * return/break in the try block, or a flag the loop test reads), and goes round again when it fails.
 * A loop over a collection with a try/catch per item is not a retry.
 */
export function isRetryLoop(node: Node): boolean {
  if (node.type !== 'WhileStatement' && node.type !== 'DoWhileStatement' && node.type !== 'ForStatement')
    return false;
  const test = node.test as Node | null;
  if (
    test != null &&
    someDescendant(
      { type: 'Test', start: 0, end: 0, test } as Node,
      (n) => n.type === 'MemberExpression' && /^(length|size)$/.test(n.property?.name ?? ''),
    )
  )
    return false;
  // The flags the test reads: `while (!done)`, and each operand of a compound test
  // (`while (retries < 3 && !success)`), so a try block that sets one leaves the loop on success.
  const flags = new Set<string>();
  const addFlag = (node: Node | null | undefined): void => {
    const t = unwrap(node ?? undefined);
    if (t?.type === 'LogicalExpression') {
      addFlag(t.left);
      addFlag(t.right);
      return;
    }
    const id = t?.type === 'UnaryExpression' ? unwrap(t.argument) : t;
    if (id?.type === 'Identifier') flags.add(id.name as string);
  };
  addFlag(test);
  return someDescendant(
    node.body,
    (n) =>
      n.type === 'TryStatement' &&
      n.handler != null &&
      someDescendant(n.block, (m) => m.type === 'AwaitExpression', true) &&
      someDescendant(
        n.block,
        (m) =>
          m.type === 'ReturnStatement' ||
          m.type === 'BreakStatement' ||
          (m.type === 'AssignmentExpression' &&
            m.left?.type === 'Identifier' &&
            flags.has(m.left.name as string)),
        true,
      ) &&
      (!(n.handler.body.body as Node[]).some((m) => m.type === 'ThrowStatement') ||
        continuesLoop(n.handler.body as Node)),
    true,
  );
}

/**
 * A catch that goes round for some errors before it rethrows the rest (`if (e instanceof RateLimited) {
 * await sleep(60 * i); continue; } throw e;`): a plain `continue` of the loop itself, not of a loop or
 * function nested in the catch.
 */
function continuesLoop(node: Node | null | undefined): boolean {
  if (node == null || typeof node !== 'object') return false;
  if (node.type === 'ContinueStatement') return node.label == null;
  if (LOOP_STATEMENTS.has(node.type) || isFunction(node)) return false;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(child)) {
      if (child.some((c) => continuesLoop(c as Node))) return true;
    } else if (child !== null && typeof child === 'object' && typeof (child as Node).type === 'string') {
      if (continuesLoop(child as Node)) return true;
    }
  }
  return false;
}

/**
 * Every loop statement: the nodes a loop's own body ends at when a search must not run into an inner loop.
 * @example
 * LOOP_STATEMENTS.has('ForOfStatement'); // true
 */
export const LOOP_STATEMENTS: ReadonlySet<string> = new Set([
  'WhileStatement',
  'DoWhileStatement',
  'ForStatement',
  'ForOfStatement',
  'ForInStatement',
]);

/** `items.length`, `keys.size`: a read of a collection's size. */
function readsSize(node: Node | undefined): boolean {
  const n = unwrap(node);
  return n?.type === 'MemberExpression' && /^(length|size)$/.test(n.property?.name ?? '');
}

/**
 * A `for` loop that walks a collection by index (`for (let i = 0; i < items.length; i += size)`): every
 * round takes the next items, so a wait between rounds paces a rate limit and resends nothing. A loop
 * counting attempts (`attempt < 3 && pending.length > 0`) compares its counter with no size: not this.
 *
 * @example
 * walksCollection(forLoop) // for (let i = 0; i < devices.length; i += 20) { ...; await sleep(250) } -> true
 */
export function walksCollection(loop: Node): boolean {
  if (loop.type !== 'ForStatement' || loop.test == null || loop.update == null) return false;
  const update = unwrap(loop.update);
  const index =
    update?.type === 'UpdateExpression' && update.operator === '++'
      ? unwrap(update.argument)
      : update?.type === 'AssignmentExpression' && update.operator === '+='
        ? unwrap(update.left)
        : undefined;
  if (index?.type !== 'Identifier') return false;
  return someDescendant(
    { type: 'Test', start: 0, end: 0, test: loop.test } as Node,
    (n) =>
      n.type === 'BinaryExpression' &&
      (n.operator === '<' || n.operator === '<=') &&
      unwrap(n.left)?.type === 'Identifier' &&
      unwrap(n.left)?.name === index.name &&
      readsSize(n.right),
  );
}
