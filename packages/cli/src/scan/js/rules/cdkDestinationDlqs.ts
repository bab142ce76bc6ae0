// iac-missing-dlq for a queue that is an on-failure destination (`onFailure: new SqsDlq(queue)` on a stream
// event source, `onFailure: new SqsDestination(queue)` for async invocations) but is built by something
// other than `new Queue(...)` (a construct library's `buildQueue(...)`, a factory): the Queue check never
// sees it, yet records dropped after the retries land there, and with no alarm nobody looks.
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { alarmedInModule } from './cdkDlqAlarms.js';
import type { Report } from './Report.js';

/** `new SqsDlq(queue)` / lambda-destinations' `new SqsDestination(queue)`: the queue's build, if not a Queue. */
export function destinationDlqWithoutAlarm(ctx: ModuleContext, node: Node, report: Report): void {
  const arg = unwrap((node.arguments as Node[])[0]);
  if (arg?.type !== 'Identifier') return;
  const name = arg.name as string;
  const binding = ctx.resolve(name, arg);
  if (binding?.kind !== 'const' && binding?.kind !== 'let') return;
  const init = binding.init;
  if (init === undefined) return;
  // `new Queue(...)` is judged by the Queue check, which counts this use as a dead-letter one.
  const built = ctx.valueOf(init);
  if (built?.type === 'NewExpression') return;
  if (alarmedInModule(ctx, name, '')) return;
  report(
    'iac-missing-dlq',
    init,
    `on-failure queue ${name} has no alarm: records dropped after the retries pile up unnoticed`,
  );
}
