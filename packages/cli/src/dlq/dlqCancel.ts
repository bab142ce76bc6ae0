// `bulwark dlq cancel <queue>`: stops the running message move task of a dead-letter queue (the messages
// already moved stay where they are). A dry run unless --yes or a confirmed --execute.
import { DlqRefused } from './DlqRefused.js';
import { formatTask } from './dlqStatus.js';
import type { DlqArgs } from './parseDlqArgs.js';
import type { ResolvedQueue, SqsCalls } from './sqsCalls.js';

export async function dlqCancel(
  calls: SqsCalls,
  queue: ResolvedQueue,
  args: DlqArgs,
  confirm: (question: string) => Promise<boolean>,
  stdout: (text: string) => void,
  stderr: (text: string) => void,
): Promise<number> {
  const running = (await calls.moveTasks(queue)).find(
    (t) => t.Status === 'RUNNING' && t.TaskHandle !== undefined,
  );
  if (running === undefined)
    throw new DlqRefused(`no running move task on ${queue.name}: nothing to cancel`, 1);
  stdout(`running on ${queue.name}: ${formatTask(running)}\n`);
  if (!args.execute) {
    stdout('dry run: nothing cancelled. To cancel it, add --yes\n');
    return 0;
  }
  if (!args.yes && !(await confirm(`Cancel the move task on ${queue.name}? [y/N] `))) {
    stderr('bulwark dlq: not confirmed; nothing cancelled\n');
    return 1;
  }
  const moved = await calls.cancel(running.TaskHandle!);
  stdout(`cancelled; about ${moved ?? 0} messages had moved and stay where they are\n`);
  return 0;
}
