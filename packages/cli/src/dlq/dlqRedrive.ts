// `bulwark dlq redrive <queue>`: shows where a dead-letter queue's messages would go, and (with --yes or a
// confirmed --execute) starts one SQS message move task. A dry run never moves or deletes a message.
import type { Message } from '@aws-sdk/client-sqs';
import { terminalText } from '../breaker/terminalText.js';
import { DlqRefused } from './DlqRefused.js';
import { formatDlqView, formatTask } from './dlqStatus.js';
import type { DlqArgs } from './parseDlqArgs.js';
import { parseQueueRef } from './queueRef.js';
import type { ResolvedQueue, SourceQueue, SqsCalls } from './sqsCalls.js';

/** A printed body is cut here: enough to recognise a message, not a dump of the queue. */
const MAX_BODY_CHARS = 500;

export interface RedriveInput {
  readonly calls: SqsCalls;
  readonly queue: ResolvedQueue;
  readonly args: DlqArgs;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

interface Destination {
  /** undefined: SQS returns each message to its DeadLetterQueueSourceArn. */
  readonly arn: string | undefined;
  readonly describe: string;
}

export async function dlqRedrive(input: RedriveInput): Promise<number> {
  const { calls, queue, args, stdout } = input;
  const sources = await calls.sources(queue);
  const tasks = await calls.moveTasks(queue);
  stdout(`${formatDlqView({ queue, sources, tasks })}\n`);

  if (sources.length === 0) {
    throw new DlqRefused(
      `${queue.name} is not the dead-letter queue of any SQS queue, so SQS cannot move its messages ` +
        '(StartMessageMoveTask applies to the DLQ of SQS queues only; a DLQ of a Lambda function, an SNS ' +
        'subscription or an EventBridge rule needs its own replay)',
      1,
    );
  }
  const destination = await chooseDestination(calls, queue, sources, args.to);
  const running = tasks.find((t) => t.Status === 'RUNNING' || t.Status === 'CANCELLING');
  if (running !== undefined) {
    throw new DlqRefused(
      `a move task is already running on ${queue.name} (${formatTask(running)}); SQS allows one at a time: ` +
        `wait for it (bulwark dlq status ${shown(args)}) or cancel it (bulwark dlq cancel ${shown(args)} --yes)`,
      1,
    );
  }

  stdout(`${'destination'.padEnd(14)}${destination.describe}\n`);
  stdout(
    `${'rate'.padEnd(14)}${args.maxPerSecond === undefined ? 'as fast as SQS chooses (--max-per-second to limit)' : `at most ${args.maxPerSecond} messages a second`}\n`,
  );
  if (queue.visible === 0) {
    stdout(
      `nothing to move: ${queue.name} has no visible message${queue.inFlight > 0 ? ' (some are in flight: run it again when they are visible)' : ''}\n`,
    );
    return 0;
  }

  if (!args.execute) {
    await printSample(input);
    stdout(`dry run: nothing moved. To start it: ${rerun(args)}\n`);
    return 0;
  }
  const question = `Move about ${queue.visible} messages from ${queue.name} ${destination.arn === undefined ? 'back to their source queues' : `to ${destination.describe}`}? [y/N] `;
  if (!args.yes && !(await input.confirm(question))) {
    input.stderr('bulwark dlq: not confirmed; nothing moved\n');
    return 1;
  }
  const handle = await calls.startMove(queue, destination.arn, args.maxPerSecond);
  stdout(
    `started move task ${terminalText(handle)}\n` +
      `follow it: bulwark dlq status ${shown(args)}; stop it: bulwark dlq cancel ${shown(args)} --yes\n`,
  );
  return 0;
}

async function chooseDestination(
  calls: SqsCalls,
  queue: ResolvedQueue,
  sources: readonly SourceQueue[],
  to: string | undefined,
): Promise<Destination> {
  const names = sources.map((s) => terminalText(s.name)).join(', ');
  if (to === undefined || to === 'original') {
    if (to === undefined && sources.length > 1) {
      throw new DlqRefused(
        `${queue.name} is the dead-letter queue of ${sources.length} queues: ${names}. Say where the messages go: ` +
          '--to original sends each back to the queue it came from; --to <queue> sends every message to that one queue',
        2,
      );
    }
    return {
      arn: undefined,
      describe:
        sources.length === 1
          ? `${terminalText(sources[0]!.name)} (the only source queue)`
          : `each message back to the queue it came from (${names})`,
    };
  }
  let ref: ReturnType<typeof parseQueueRef>;
  try {
    ref = parseQueueRef(to, '--to');
  } catch (error: unknown) {
    throw new DlqRefused(error instanceof Error ? error.message : String(error), 2);
  }
  const target = await calls.resolve(ref);
  if (target.arn === queue.arn) {
    throw new DlqRefused(`--to names ${queue.name} itself: messages would move in a circle`, 2);
  }
  const isSource = sources.some((s) => s.arn === target.arn);
  return {
    arn: target.arn,
    describe: `${terminalText(target.name)}${isSource ? '' : ' (not a source queue of this DLQ)'}: every message goes there`,
  };
}

async function printSample(input: RedriveInput): Promise<void> {
  const { calls, queue, args, stdout } = input;
  if (args.sample === 0) return;
  if (queue.redrivePolicy !== undefined) {
    stdout(
      `sample        skipped: ${queue.name} has a redrive policy of its own, and a sample counts as a receive toward its maxReceiveCount\n`,
    );
    return;
  }
  const messages = await calls.sample(queue, args.sample);
  const bodies = args.showBodies ? '' : ', bodies hidden (--show-bodies to print them)';
  stdout(`sample        ${messages.length} of about ${queue.visible}${bodies}\n`);
  for (const message of messages) stdout(`${formatMessage(message, args.showBodies)}\n`);
}

function formatMessage(message: Message, showBody: boolean): string {
  const a = message.Attributes ?? {};
  const sent = Number(a.SentTimestamp);
  const from = a.DeadLetterQueueSourceArn?.split(':').at(-1);
  const parts = [
    `  ${terminalText(message.MessageId ?? '?')}`,
    Number.isFinite(sent) ? `sent ${new Date(sent).toISOString()}` : undefined,
    a.ApproximateReceiveCount === undefined
      ? undefined
      : `received ${terminalText(a.ApproximateReceiveCount)} times`,
    from === undefined ? undefined : `from ${terminalText(from)}`,
  ].filter((p) => p !== undefined);
  const line = parts.join('  ');
  if (!showBody) return line;
  const body = message.Body ?? '';
  const cut =
    body.length > MAX_BODY_CHARS ? `${body.slice(0, MAX_BODY_CHARS)}... (${body.length} characters)` : body;
  return `${line}\n    ${terminalText(cut)}`;
}

function rerun(args: DlqArgs): string {
  return [
    'bulwark dlq redrive',
    shown(args),
    ...(args.to === undefined ? [] : ['--to', args.to === 'original' ? 'original' : terminalText(args.to)]),
    ...(args.maxPerSecond === undefined ? [] : ['--max-per-second', String(args.maxPerSecond)]),
    ...(args.region === undefined ? [] : ['--region', terminalText(args.region)]),
    '--yes',
  ].join(' ');
}

/** The queue as the operator gave it (a name, URL or ARN already checked by parseQueueRef). */
function shown(args: DlqArgs): string {
  return terminalText(args.queue);
}
