// `bulwark dlq status|redrive|cancel`: operators inspect a dead-letter queue and move its messages back with an
// SQS message move task. bin.ts dispatches here through dlqMain.ts; tests call it in-process.
import { SQSClient } from '@aws-sdk/client-sqs';
import { refusalExitCode } from '../aws/CommandRefused.js';
import { describeAwsError } from '../aws/describeAwsError.js';
import { boundedRequestHandler, resolveRegion } from '../aws/requestHandler.js';
import { terminalConfirm } from '../aws/terminalConfirm.js';
import { usageExit } from '../aws/usageExit.js';
import type { DlqCliIo } from './DlqCliIo.js';
import { dlqCancel } from './dlqCancel.js';
import { dlqRedrive } from './dlqRedrive.js';
import { dlqStatus } from './dlqStatus.js';
import { DLQ_COMMAND_USAGE, DLQ_USAGE } from './dlqUsage.js';
import { type DlqArgs, DlqUsageError, parseDlqArgs } from './parseDlqArgs.js';
import { parseQueueRef, type QueueRef } from './queueRef.js';
import { SqsCalls } from './sqsCalls.js';

export type { DlqCliIo } from './DlqCliIo.js';

const PERMISSIONS =
  'sqs:GetQueueUrl, sqs:GetQueueAttributes, sqs:ListDeadLetterSourceQueues, sqs:ListMessageMoveTasks and ' +
  'sqs:ReceiveMessage on the dead-letter queue; to redrive also sqs:StartMessageMoveTask, sqs:DeleteMessage ' +
  '(and sqs:CancelMessageMoveTask to cancel) on it and sqs:SendMessage on the destination';

/** The implementation behind {@link dlqMain} (./dlqMain.ts), loaded on its first call. */
export async function runDlq(argv: readonly string[], io: DlqCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const usage = usageExit('dlq', DLQ_USAGE, DLQ_COMMAND_USAGE, stderr);

  let args: DlqArgs;
  let ref: QueueRef;
  try {
    const parsed = parseDlqArgs(argv[0] === 'dlq' ? argv.slice(1) : argv);
    if (parsed.help) {
      stdout(`${parsed.command === undefined ? DLQ_USAGE : DLQ_COMMAND_USAGE[parsed.command]}\n`);
      return 0;
    }
    args = parsed;
    ref = parseQueueRef(args.queue);
    if (args.region !== undefined && ref.region !== undefined && args.region !== ref.region) {
      throw new DlqUsageError(
        `--region ${args.region} contradicts the queue's own region ${ref.region}`,
        args.command,
      );
    }
  } catch (error: unknown) {
    return usage.caught(error);
  }

  let region = args.region ?? ref.region;
  const client =
    io.client ??
    new SQSClient({
      ...(region === undefined ? {} : { region }),
      requestHandler: boundedRequestHandler(args.timeoutMs),
      // Every request goes to the client's endpoint (the region's, or AWS_ENDPOINT_URL_SQS: a VPC endpoint, a
      // proxy), never to the host inside a queue URL, which would bypass it.
      useQueueUrlAsEndpoint: false,
    });
  const calls = new SqsCalls(client);
  try {
    region = await resolveRegion(client);
    if (region === undefined) {
      return usage.fail(
        'no AWS region: pass --region <region>, give the queue as a URL or ARN, or set AWS_REGION',
        args.command,
      );
    }
    const queue = await calls.resolve(ref);
    if (args.command === 'status') return await dlqStatus(calls, queue, args.json, stdout);
    const confirm = io.confirm ?? terminalConfirm;
    if (args.command === 'cancel') return await dlqCancel(calls, queue, args, confirm, stdout, stderr);
    return await dlqRedrive({ calls, queue, args, confirm, stdout, stderr });
  } catch (error: unknown) {
    const refused = refusalExitCode(error, 'dlq', args.command, stderr);
    if (refused !== undefined) return refused;
    const queue = calls.target ?? args.queue;
    const message = describeAwsError(error, {
      service: 'SQS',
      iamPrefix: 'sqs',
      operation: calls.operation,
      resource: queue,
      timeoutMs: args.timeoutMs,
      permissions: PERMISSIONS,
      afterTimeout:
        calls.operation === 'StartMessageMoveTask' || calls.operation === 'CancelMessageMoveTask'
          ? `it may still have happened: check with bulwark dlq status ${args.queue}`
          : undefined,
      notFound: {
        QueueDoesNotExist: `no queue ${queue}${region === undefined ? '' : ` in ${region}`}: check the name, the account and --region`,
        ResourceNotFoundException: `SQS found no such resource for ${calls.operation} on ${queue}`,
      },
    });
    stderr(`bulwark dlq: ${message}\n`);
    return 1;
  } finally {
    if (io.client === undefined) client.destroy();
  }
}
