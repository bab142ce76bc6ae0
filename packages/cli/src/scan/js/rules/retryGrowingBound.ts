// A retry loop can be bounded by its delay instead of an attempt counter: `if (delayMs > maxMs) throw e;
// await sleep(delayMs); delayMs *= factor`. The delay grows on every round, so the exit is reached after a
// fixed number of rounds, as a counter's would be (an exp-backoff helper's usual shape).
import { type Node, someDescendant, unwrap } from '../ast.js';

/** A `v` that an exit-only `if` compares as the growing side: `v > max`, `v >= max`, `max < v`, `max <= v`. */
function comparedGrowing(test: Node | undefined): string | undefined {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression') return undefined;
  const [l, r] = [unwrap(t.left as Node), unwrap(t.right as Node)];
  if ((t.operator === '>' || t.operator === '>=') && l?.type === 'Identifier') return l.name as string;
  if ((t.operator === '<' || t.operator === '<=') && r?.type === 'Identifier') return r.name as string;
  return undefined;
}

/** Does the statement always leave the loop (a throw, a return or a break, alone or as a block's last)? */
function exits(statement: Node | null | undefined): boolean {
  const s = unwrap(statement);
  if (s?.type === 'BlockStatement') return exits((s.body as Node[]).at(-1));
  return s?.type === 'ThrowStatement' || s?.type === 'ReturnStatement' || s?.type === 'BreakStatement';
}

/**
 * Does the node make `name` grow: `v *= k`, `v += k`, `v = v * k`, `v = v + k`, `v++`? A capped growth
 * (`v = Math.min(v * 2, max)`) is not: a capped delay never passes the limit.
 */
function grows(n: Node, name: string): boolean {
  const isName = (x: Node | undefined) => unwrap(x)?.type === 'Identifier' && unwrap(x)?.name === name;
  if (n.type === 'UpdateExpression') return n.operator === '++' && isName(n.argument as Node);
  if (n.type !== 'AssignmentExpression' || !isName(n.left as Node)) return false;
  if (n.operator === '*=' || n.operator === '+=') return true;
  const right = unwrap(n.right as Node);
  return (
    n.operator === '=' &&
    right?.type === 'BinaryExpression' &&
    (right.operator === '*' || right.operator === '+') &&
    (isName(right.left as Node) || isName(right.right as Node))
  );
}

/**
 * Is the loop left once a value that grows in it passes a limit (`if (delay > max) throw e` beside
 * `delay *= 2`)? Functions nested in the loop are not its rounds and are not read.
 * @example
 * growingBound(loop) // true for `for (;;) { try { return await f() } catch (e) { if (ms > max) throw e; await sleep(ms); ms *= 2 } }`
 */
export function growingBound(loop: Node): boolean {
  const limited = new Set<string>();
  someDescendant(
    loop.body as Node,
    (n) => {
      if (n.type !== 'IfStatement' || !exits(n.consequent as Node)) return false;
      const name = comparedGrowing(n.test as Node);
      if (name !== undefined) limited.add(name);
      return false;
    },
    true,
  );
  // A name set afresh in the loop (declared in its body, reset to a start value, or capped after growing:
  // `ms *= 2; ms = Math.min(ms, max)`) may never pass its limit, so only a name the loop changes by growth alone
  // counts.
  for (const name of [...limited]) if (setAfresh(loop.body as Node, name)) limited.delete(name);
  if (limited.size === 0) return false;
  return someDescendant(loop.body as Node, (n) => [...limited].some((name) => grows(n, name)), true);
}

/** Is `name` declared in the loop's body, or given a value there other than by growth (`v = base`, `v = Math.min(v, max)`)? */
function setAfresh(body: Node, name: string): boolean {
  const isName = (x: Node | undefined) => unwrap(x)?.type === 'Identifier' && unwrap(x)?.name === name;
  return someDescendant(
    body,
    (n) =>
      (n.type === 'VariableDeclarator' && isName(n.id as Node)) ||
      (n.type === 'AssignmentExpression' && isName(n.left as Node) && !grows(n, name)) ||
      (n.type === 'UpdateExpression' && isName(n.argument as Node) && n.operator !== '++'),
    true,
  );
}
