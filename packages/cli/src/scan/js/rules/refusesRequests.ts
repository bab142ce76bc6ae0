// A function that refuses to run on the request path: its opening statements return at once when the
// request `context` is set. RedwoodJS documents `context` as the per-request global its GraphQL server
// fills (`context.currentUser`, the event, the Lambda context) and leaves empty under `yarn rw exec`, so a
// guard `if (context && Object.keys(context).length > 0) return` (or `if (context.currentUser) return`)
// keeps the function to an operator's script: whoever runs it sees the logged failure and reruns it. Its
// catches are not on a Lambda's path, the same reason offServicePath.ts and scriptCallers.ts give.
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const verdicts = new WeakMap<Node, boolean>();

/**
 * True when `node` sits in a function whose statements before it include a guard that returns (and does
 * not throw) when the request `context` is set, and `context` is not one of the function's own
 * parameters (a Lambda handler's second argument is always set).
 *
 * @example
 * refusesRequests(ctx, tryStatement) // true in `getOrCreateOrganization` after `if (context && Object.keys(context).length > 0) { log(...); return }`
 */
export function refusesRequests(ctx: ModuleContext, node: Node): boolean {
  if (!ctx.spells('context')) return false;
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined || fn.body?.type !== 'BlockStatement') return false;
  let verdict = verdicts.get(fn);
  if (verdict === undefined) {
    verdict = !ownsContext(fn) && (fn.body.body as Node[]).some((s) => s.end <= node.start && guard(s));
    verdicts.set(fn, verdict);
  }
  return verdict;
}

/** `if (<reads context>) { ...; return }` with no throw: the function ends quietly under a request. */
function guard(statement: Node): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate != null) return false;
  const test = statement.test as Node;
  if (!someDescendant(test, (n) => n.type === 'Identifier' && n.name === 'context' && !propertyOf(test, n)))
    return false;
  const then = statement.consequent as Node;
  const last = then.type === 'BlockStatement' ? (then.body as Node[]).at(-1) : then;
  return last?.type === 'ReturnStatement' && !someDescendant(then, (n) => n.type === 'ThrowStatement', true);
}

/** `context` read as a property name (`event.context`), not as the variable. */
function propertyOf(root: Node, id: Node): boolean {
  return someDescendant(
    root,
    (n) => n.type === 'MemberExpression' && n.property === id && n.computed !== true,
  );
}

/** The function takes a parameter named `context` (a handler's Lambda context, a resolver's argument). */
function ownsContext(fn: Node): boolean {
  return (fn.params as Node[]).some((p) =>
    someDescendant(
      { type: 'Wrap', v: p } as unknown as Node,
      (n) => n.type === 'Identifier' && n.name === 'context',
    ),
  );
}
