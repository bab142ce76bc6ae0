// swallowed-error: an outer catch that no failure of another system can reach. JavaScript ends a
// throw at the nearest enclosing catch: when every call of the try that reaches another system sits in
// an inner try whose own catch does not rethrow (`try { parse(); try { await post() } catch (e) { log } }
// catch (e) { log('bad input') }`), the outer catch only ever sees local errors (bad input, a parse), and
// what it logs is not a lost call. Whether the inner catch is itself a swallow is judged at that catch.
// An exported helper of this module that ends its own errors the same way counts as such an inner try
// (selfHandledCalls.ts); an unexported one does not: its catch defers to a caller's catch that only logs
// (catchAfter.ts), so counting it would leave the failure judged nowhere.
import { calleeName, forEachDescendant, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { doesIo, isIoNode } from './catchFacts.js';
import { selfHandledCall } from './selfHandledCalls.js';

/** The catch ends every error of its try: no `throw`, no `Promise.reject`, in the catch. */
function endsItsErrors(tryStatement: Node): boolean {
  const handler = tryStatement.handler as Node | null;
  if (handler == null) return false;
  return !someDescendant(
    handler.body as Node,
    (n) =>
      n.type === 'ThrowStatement' ||
      (n.type === 'CallExpression' &&
        calleeName(n) === 'reject' &&
        unwrap(unwrap(n.callee)?.object)?.name === 'Promise'),
    true,
  );
}

/**
 * The try reaches another system only inside inner tries that end their own errors, or through exported
 * helpers of this module that do (selfHandledCalls.ts): no such failure reaches this try's catch.
 */
export function ioHandledInside(ctx: ModuleContext, block: Node, depth = 0): boolean {
  const isIo = (n: Node) => isIoNode(ctx, n);
  let open = false;
  let handled = false;
  forEachDescendant(
    block,
    (n) => {
      if (open) return false;
      if (n.type === 'TryStatement' && endsItsErrors(n)) {
        if (doesIo(ctx, n.block as Node)) handled = true;
        // Its catch and finally still run here: I/O there would reach the outer catch.
        open =
          doesIo(ctx, (n.handler as Node).body as Node) ||
          (n.finalizer != null && doesIo(ctx, n.finalizer as Node));
        return false;
      }
      if (
        n.type === 'AwaitExpression' &&
        depth < 2 &&
        selfHandledCall(ctx, unwrap(n.argument), isIo, (body) => ioHandledInside(ctx, body, depth + 1))
      ) {
        handled = true;
        return false;
      }
      if (isIoNode(ctx, n)) open = true;
      return !open;
    },
    true,
  );
  return handled && !open;
}
