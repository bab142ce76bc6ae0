// `bulwark dlq status <queue>`: counts, source queues and recent move tasks of a dead-letter queue. Reads only.
import type { ListMessageMoveTasksResultEntry } from '@aws-sdk/client-sqs';
import { terminalText } from '../breaker/terminalText.js';
import type { ResolvedQueue, SourceQueue, SqsCalls } from './sqsCalls.js';

export interface DlqView {
  readonly queue: ResolvedQueue;
  readonly sources: readonly SourceQueue[];
  readonly tasks: readonly ListMessageMoveTasksResultEntry[];
}

export async function dlqStatus(
  calls: SqsCalls,
  queue: ResolvedQueue,
  json: boolean,
  stdout: (text: string) => void,
): Promise<number> {
  const view: DlqView = { queue, sources: await calls.sources(queue), tasks: await calls.moveTasks(queue) };
  stdout(json ? `${escapeC1(JSON.stringify(toJson(view), null, 2))}\n` : `${formatDlqView(view)}\n`);
  return 0;
}

/** The lines every dlq command starts with: which queue, how many messages, who feeds it. */
export function formatDlqView(view: DlqView): string {
  const { queue, sources, tasks } = view;
  const rows: [string, string][] = [
    ['queue', `${terminalText(queue.name)} (${terminalText(queue.arn)})`],
    [
      'messages',
      `${queue.visible} visible, ${queue.inFlight} in flight, ${queue.delayed} delayed (approximate)`,
    ],
    [
      'source queues',
      sources.length === 0
        ? 'none: no SQS queue names it in its redrive policy'
        : sources.map((s) => terminalText(s.name)).join(', '),
    ],
  ];
  if (queue.redrivePolicy !== undefined) {
    rows.push([
      'own redrive',
      `to ${terminalText(queue.redrivePolicy.deadLetterTargetArn)} after ${queue.redrivePolicy.maxReceiveCount} receives`,
    ]);
  }
  rows.push(['move tasks', tasks.length === 0 ? 'none' : formatTask(tasks[0]!)]);
  for (const task of tasks.slice(1)) rows.push(['', formatTask(task)]);
  return rows.map(([label, value]) => `${label.padEnd(14)}${value}`.trimEnd()).join('\n');
}

export function formatTask(task: ListMessageMoveTasksResultEntry): string {
  const moved = `${task.ApproximateNumberOfMessagesMoved ?? 0}/${task.ApproximateNumberOfMessagesToMove ?? '?'} moved`;
  const to =
    task.DestinationArn === undefined ? 'to their source queues' : `to ${terminalText(task.DestinationArn)}`;
  const rate =
    task.MaxNumberOfMessagesPerSecond === undefined ? '' : `, at most ${task.MaxNumberOfMessagesPerSecond}/s`;
  const started =
    task.StartedTimestamp === undefined ? '' : `, started ${new Date(task.StartedTimestamp).toISOString()}`;
  const failure = task.FailureReason === undefined ? '' : `, failed: ${terminalText(task.FailureReason)}`;
  return `${terminalText(task.Status ?? 'UNKNOWN')} ${moved} ${to}${rate}${started}${failure}`;
}

function toJson(view: DlqView): Record<string, unknown> {
  return {
    queue: { name: view.queue.name, url: view.queue.url, arn: view.queue.arn },
    messages: { visible: view.queue.visible, inFlight: view.queue.inFlight, delayed: view.queue.delayed },
    sourceQueues: view.sources.map((s) => ({ name: s.name, url: s.url, arn: s.arn })),
    redrivePolicy: view.queue.redrivePolicy ?? null,
    moveTasks: view.tasks.map((t) => ({
      status: t.Status,
      destinationArn: t.DestinationArn ?? null,
      maxNumberOfMessagesPerSecond: t.MaxNumberOfMessagesPerSecond ?? null,
      approximateNumberOfMessagesMoved: t.ApproximateNumberOfMessagesMoved,
      approximateNumberOfMessagesToMove: t.ApproximateNumberOfMessagesToMove ?? null,
      startedTimestamp: t.StartedTimestamp === undefined ? null : new Date(t.StartedTimestamp).toISOString(),
      failureReason: t.FailureReason ?? null,
    })),
  };
}

/**
 * JSON.stringify escapes C0 controls inside strings but leaves DEL and the C1 controls (U+0080-U+009F, where
 * U+009B starts an escape sequence on many terminals) as they are; their \u escapes are the same JSON value.
 */
export function escapeC1(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
