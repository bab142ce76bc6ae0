// Message move tasks (StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask) with the service's
// rules: the source must be the dead-letter queue of an SQS queue, one active task per source, at most 500
// messages a second. A task moves the visible messages at once, or when the test says (`moveTasks: 'manual'`).

import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../awsJson/awsJsonService.js';
import type { SqsQueues } from './sqsQueues.js';

/**
 * The state of a message move task, as ListMessageMoveTasks reports it.
 *
 * @example
 * ```ts
 * const status: SqsMoveTaskStatus = 'RUNNING';
 * ```
 */
export type SqsMoveTaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELLING' | 'CANCELLED' | 'FAILED';

/**
 * A message move task as the emulator holds it.
 *
 * @example
 * ```ts
 * const [task] = sqs.moveTasks();
 * task?.status; // 'COMPLETED'
 * ```
 */
export interface SqsMoveTask {
  readonly taskHandle: string;
  readonly sourceArn: string;
  readonly destinationArn: string | undefined;
  readonly maxNumberOfMessagesPerSecond: number | undefined;
  readonly status: SqsMoveTaskStatus;
  readonly approximateNumberOfMessagesToMove: number;
  readonly approximateNumberOfMessagesMoved: number;
  readonly failureReason: string | undefined;
  readonly startedTimestamp: number;
}

export const MAX_MESSAGES_PER_SECOND = 500;

export class SqsMoveTasks {
  #tasks: SqsMoveTask[] = [];
  readonly #queues: SqsQueues;
  readonly #now: () => number;

  constructor(queues: SqsQueues, now: () => number) {
    this.#queues = queues;
    this.#now = now;
  }

  get all(): readonly SqsMoveTask[] {
    return this.#tasks;
  }

  clear(): void {
    this.#tasks = [];
  }

  start(input: Record<string, unknown>, runNow: boolean): { TaskHandle: string } {
    const sourceArn = input.SourceArn;
    if (typeof sourceArn !== 'string' || sourceArn === '') {
      throw new AwsServiceError('MissingParameter', 'The request must contain the parameter SourceArn.');
    }
    const source = this.#queues.byArn(sourceArn);
    if (source === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    if (this.#queues.sourcesOf(source).length === 0) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        'Source queue must be configured as a Dead Letter Queue.',
      );
    }
    const destinationArn = input.DestinationArn;
    if (
      destinationArn !== undefined &&
      (typeof destinationArn !== 'string' || this.#queues.byArn(destinationArn) === undefined)
    ) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "The resource that you specified for the DestinationArn parameter doesn't exist.",
      );
    }
    if (destinationArn === sourceArn) {
      throw new AwsServiceError('InvalidParameterValue', 'Source and destination queue must be different.');
    }
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (
      rate !== undefined &&
      (typeof rate !== 'number' || !Number.isInteger(rate) || rate < 1 || rate > MAX_MESSAGES_PER_SECOND)
    ) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `Value ${String(rate)} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: must be between 1 and ${MAX_MESSAGES_PER_SECOND}.`,
      );
    }
    if (
      this.#tasks.some(
        (t) => t.sourceArn === sourceArn && (t.status === 'RUNNING' || t.status === 'CANCELLING'),
      )
    ) {
      throw new AwsServiceError(
        'UnsupportedOperation',
        'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
      );
    }
    const taskHandle = Buffer.from(JSON.stringify({ taskId: randomUUID(), sourceArn })).toString('base64');
    this.#tasks.unshift({
      taskHandle,
      sourceArn,
      destinationArn,
      maxNumberOfMessagesPerSecond: rate,
      status: 'RUNNING',
      approximateNumberOfMessagesToMove: this.#queues.counts(source).visible,
      approximateNumberOfMessagesMoved: 0,
      failureReason: undefined,
      startedTimestamp: this.#now(),
    });
    if (runNow) this.runAll();
    return { TaskHandle: taskHandle };
  }

  /** Completes every running task: its source's visible messages move now. Returns how many tasks ran. */
  runAll(): number {
    let ran = 0;
    this.#tasks = this.#tasks.map((task) => {
      if (task.status !== 'RUNNING') return task;
      ran++;
      const source = this.#queues.byArn(task.sourceArn);
      const destination =
        task.destinationArn === undefined ? undefined : this.#queues.byArn(task.destinationArn);
      if (source === undefined || (task.destinationArn !== undefined && destination === undefined)) {
        return { ...task, status: 'FAILED', failureReason: 'AWS.SimpleQueueService.NonExistentQueue' };
      }
      const { moved, unroutable } = this.#queues.moveVisible(
        source,
        destination,
        task.approximateNumberOfMessagesToMove,
      );
      return {
        ...task,
        approximateNumberOfMessagesMoved: moved,
        status: unroutable > 0 ? 'FAILED' : 'COMPLETED',
        failureReason:
          unroutable > 0
            ? `${unroutable} message(s) have no DeadLetterQueueSourceArn to return to; give a DestinationArn`
            : undefined,
      };
    });
    return ran;
  }

  list(input: Record<string, unknown>): { Results: Record<string, unknown>[] } {
    const sourceArn = input.SourceArn;
    if (typeof sourceArn !== 'string' || this.#queues.byArn(sourceArn) === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "The resource that you specified for the SourceArn parameter doesn't exist.",
      );
    }
    const max = input.MaxResults ?? 1;
    if (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 10) {
      throw new AwsServiceError(
        'InvalidParameterValue',
        `Value ${String(max)} for parameter MaxResults is invalid. Reason: must be between 1 and 10.`,
      );
    }
    return {
      Results: this.#tasks
        .filter((t) => t.sourceArn === sourceArn)
        .slice(0, max)
        .map((t) => ({
          // The service gives the handle of a running task only (it is what CancelMessageMoveTask takes).
          ...(t.status === 'RUNNING' ? { TaskHandle: t.taskHandle } : {}),
          Status: t.status,
          SourceArn: t.sourceArn,
          ...(t.destinationArn === undefined ? {} : { DestinationArn: t.destinationArn }),
          ...(t.maxNumberOfMessagesPerSecond === undefined
            ? {}
            : { MaxNumberOfMessagesPerSecond: t.maxNumberOfMessagesPerSecond }),
          ApproximateNumberOfMessagesMoved: t.approximateNumberOfMessagesMoved,
          ApproximateNumberOfMessagesToMove: t.approximateNumberOfMessagesToMove,
          ...(t.failureReason === undefined ? {} : { FailureReason: t.failureReason }),
          StartedTimestamp: t.startedTimestamp,
        })),
    };
  }

  cancel(input: Record<string, unknown>): { ApproximateNumberOfMessagesMoved: number } {
    const handle = input.TaskHandle;
    const index = this.#tasks.findIndex((t) => t.taskHandle === handle);
    const task = this.#tasks[index];
    if (task === undefined) {
      throw new AwsServiceError(
        'ResourceNotFoundException',
        "The resource that you specified for the TaskHandle parameter doesn't exist.",
      );
    }
    if (task.status !== 'RUNNING') {
      throw new AwsServiceError(
        'UnsupportedOperation',
        `Only active tasks can be cancelled; this task is ${task.status}.`,
      );
    }
    this.#tasks[index] = { ...task, status: 'CANCELLED' };
    return { ApproximateNumberOfMessagesMoved: task.approximateNumberOfMessagesMoved };
  }
}
