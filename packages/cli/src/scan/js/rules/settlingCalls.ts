// The calls a function's own promise settles with, for the auth rules that follow a failure from a verify or
// lookup helper to the handler: a call it returns (awaited, or handed back unawaited, also as an arrow's
// expression body) and a call it awaits anywhere in its body. Functions nested in the body are not entered:
// their calls settle their own promises.
import { type Node, unwrap } from '../ast.js';
import { someBelow } from '../subtreeIndex.js';

/**
 * Calls `returned` for each returned call (with whether it is handed back unawaited) and `awaited` for each
 * awaited call; an awaited call that is also returned reaches both. The body's nodes are listed once
 * (subtreeIndex.ts): the auth rules ask this of the same method bodies for each catch and export.
 * @example
 * forSettlingCalls(fn.body as Node, (call, handedBack) => refs.push(call), (call) => awaitedCalls.push(call));
 */
export function forSettlingCalls(
  body: Node,
  returned: (call: Node, handedBack: boolean) => void,
  awaited: (call: Node) => void,
): void {
  const handed = (n: Node | undefined): void => {
    const v = unwrap(n);
    const call = v?.type === 'AwaitExpression' ? unwrap(v.argument) : v;
    if (call?.type === 'CallExpression') returned(call, v?.type !== 'AwaitExpression');
  };
  if (body.type !== 'BlockStatement') handed(body);
  someBelow(
    body,
    ['ReturnStatement', 'AwaitExpression'],
    (n) => {
      if (n.type === 'ReturnStatement') handed(n.argument);
      else if (n.type === 'AwaitExpression') {
        const call = unwrap(n.argument);
        if (call?.type === 'CallExpression') awaited(call);
      }
      return false;
    },
    true,
  );
}
