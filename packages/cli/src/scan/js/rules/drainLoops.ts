// retry-unbounded for a queue drain loop: a function that receives from a queue until a receive comes back
// empty (`while (true) { const { Messages } = await sqs.receiveMessage(...); if (!Messages?.length) break; ... }`)
// and deletes only the messages it handled. A message it leaves undeleted becomes visible again after the
// visibility timeout and is received again, so while one keeps failing the queue never reads empty and
// the loop retries it for as long as the function runs. Bounded loops (a counter or a time budget in the
// test, `context.getRemainingTimeInMillis()`) and receives that hide a message for longer
// (`VisibilityTimeout`) are not reported.
import { isBooleanLiteral, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { RetrySite } from './retryLibraries.js';

const RECEIVE = /\b(ReceiveMessageCommand|receiveMessage)\b/;
const DELETE = /\b(DeleteMessageCommand|DeleteMessageBatchCommand|deleteMessage|deleteMessageBatch)\b/;
const BOUNDED = /getRemainingTimeInMillis|Date\.now\(\)|performance\.now\(\)|VisibilityTimeout/;

/** The loop's test never turns false by itself: `true`, `for (;;)`, or a name bound to `true` that nothing assigns. */
function endless(ctx: ModuleContext, loop: Node): boolean {
  const test = unwrap((loop.test as Node | null) ?? undefined);
  if (test === undefined) return loop.type === 'ForStatement';
  if (isBooleanLiteral(test, true)) return true;
  if (test.type !== 'Identifier') return false;
  const binding = ctx.resolve(test.name as string, test);
  if (binding === undefined || !isBooleanLiteral(unwrap(binding.init as Node | undefined), true))
    return false;
  if (binding.kind === 'const') return true;
  return !someDescendant(
    binding.scope,
    (n) =>
      n.type === 'AssignmentExpression' &&
      unwrap(n.left)?.type === 'Identifier' &&
      unwrap(n.left)?.name === test.name,
  );
}

/** A drain loop that can keep receiving the message it failed, if `loop` is one. */
export function drainSite(ctx: ModuleContext, loop: Node): RetrySite | undefined {
  if (loop.type !== 'WhileStatement' && loop.type !== 'DoWhileStatement' && loop.type !== 'ForStatement')
    return undefined;
  const text = ctx.source.slice(loop.start, loop.end);
  if (!RECEIVE.test(text) || !DELETE.test(text) || BOUNDED.test(text) || !endless(ctx, loop))
    return undefined;
  // A message is left undeleted on some path: the loop skips on (`continue`) or deletes under a test.
  const skips = someDescendant(
    loop.body as Node,
    (n) =>
      n.type === 'ContinueStatement' ||
      (n.type === 'IfStatement' &&
        DELETE.test(ctx.source.slice((n.consequent as Node).start, (n.consequent as Node).end))),
  );
  if (!skips) return undefined;
  return {
    node: loop,
    label: 'queue drain loop',
    noBreaker: true,
    unbounded:
      'drain loop that stops only on an empty receive: a message it leaves undeleted is received again after the visibility timeout, so while one keeps failing the loop never ends; bound it by attempts or by context.getRemainingTimeInMillis()',
  };
}
