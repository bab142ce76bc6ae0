// `bulwark dlq` and `bulwark events` in-process with the real AWS SDK against the emulators, fed what a hostile
// command line, a hostile message or a hostile service answer looks like. Nothing reaches the terminal raw,
// nothing secret is printed, nothing is sent for a wrong command line, and no answer keeps the command running.

import { createHash } from 'node:crypto';
import { eventBridgeEmulator, sqsEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { dlq, events } from '../../ops/support.js';

const sqs = sqsEmulator();
const bridge = eventBridgeEmulator();
const server = useMswServer(...sqs.handlers, ...bridge.handlers);
// C0 controls but newline (the line ending the CLI writes itself), DEL and C1 controls (CSI is \x9b).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point of the test
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const SQS_URL = 'https://sqs.us-east-1.amazonaws.com/';
const RANGE = ['--from', '2026-11-23T10:00:00Z', '--to', '2026-11-23T11:00:00Z'];

const sqsRequests = () => Object.values(sqs.calls).reduce((a, b) => a + b, 0);
const bridgeRequests = () => Object.values(bridge.calls).reduce((a, b) => a + b, 0);

function orders(): void {
  sqs.createQueue('orders-dlq');
  sqs.createQueue('orders', { deadLetterQueue: 'orders-dlq' });
}

/** Answers one SQS operation with `body` (status 200 unless given), every other one through the emulator. */
function answerSqs(
  operation: string,
  body: Record<string, unknown>,
  status = 200,
  headers: Record<string, string> = {},
) {
  server.use(
    http.post(SQS_URL, ({ request }) => {
      if (request.headers.get('x-amz-target') !== `AmazonSQS.${operation}`) return undefined;
      return HttpResponse.json(body, {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
      });
    }),
  );
}

beforeEach(() => {
  sqs.reset();
  bridge.reset();
});

describe('a wrong command line is refused (exit 2) before any request, its text escaped', () => {
  it.each([
    ['a queue name with an escape sequence', ['redrive', 'orders\u001b[2J-dlq']],
    [
      'a queue URL with a query string',
      ['status', 'https://sqs.us-east-1.amazonaws.com/123456789012/q?token=abc'],
    ],
    ['a 10,000-character queue name', ['status', 'q'.repeat(10_000)]],
    ['--max-per-second 0', ['redrive', 'orders-dlq', '--max-per-second', '0']],
    ['--max-per-second 501', ['redrive', 'orders-dlq', '--max-per-second', '501']],
    ['--max-per-second 1e2', ['redrive', 'orders-dlq', '--max-per-second', '1e2']],
    ['--sample 11', ['redrive', 'orders-dlq', '--sample', '11']],
    ['--sample -1', ['redrive', 'orders-dlq', '--sample=-1']],
    ['--timeout 0', ['status', 'orders-dlq', '--timeout', '0']],
    ['--timeout 301', ['status', 'orders-dlq', '--timeout', '301']],
    ['--dry-run with --yes', ['redrive', 'orders-dlq', '--dry-run', '--yes']],
    ['--yes on status', ['status', 'orders-dlq', '--yes']],
    ['--to on cancel', ['cancel', 'orders-dlq', '--to', 'orders']],
    ['an empty --to', ['redrive', 'orders-dlq', '--to', ' ']],
    [
      '--region contradicting an ARN',
      ['status', 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq', '--region', 'us-east-1'],
    ],
    ['a second queue', ['status', 'orders-dlq', 'orders']],
    ['a mistyped option', ['redrive', 'orders-dlq', '--max-per-secnd', '3']],
  ])('dlq: %s', async (_label, argv) => {
    orders();

    const run = await dlq(argv);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.stderr.length).toBeLessThan(8_000);
    expect(run.stderr).not.toContain('token=abc');
    expect(sqsRequests()).toBe(0);
  });

  it('a mistyped option names the nearest valid one', async () => {
    const run = await dlq(['redrive', 'orders-dlq', '--max-per-secnd', '3']);

    expect(run.stderr).toMatch(/did you mean '--max-per-second'\?/);
  });

  it('--to with an escape sequence is refused after reading the DLQ, escaped, with nothing moved', async () => {
    orders();
    sqs.send('orders-dlq', 'x', { deadLetterSourceQueue: 'orders' });

    const run = await dlq(['redrive', 'orders-dlq', '--to', 'a\u001b]0;owned\u0007', '--yes']);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(sqs.calls.StartMessageMoveTask).toBe(0);
  });

  it.each([
    ['an archive with an escape sequence', ['replay', '--archive', 'a\u001b[2J', ...RANGE]],
    ['an archive of 49 characters', ['replay', '--archive', 'a'.repeat(49), ...RANGE]],
    [
      'a --from with control characters',
      ['replay', '--archive', 'a', '--from', '2026\u009b31m', '--to', 'now'],
    ],
    ['a --name with a space', ['replay', '--archive', 'a', ...RANGE, '--name', 'inc 42']],
    ['a --rule with a slash', ['replay', '--archive', 'a', ...RANGE, '--rule', 'bus/rule']],
    [
      'a --destination that is no bus',
      ['replay', '--archive', 'a', ...RANGE, '--destination', 'arn:aws:sqs:x'],
    ],
    ['a positional archive', ['replay', 'a', ...RANGE]],
    ['--json on replay', ['replay', '--archive', 'a', ...RANGE, '--json']],
    ['a replay-status name with escapes', ['replay-status', 'r\u001b[2J']],
    ['an unknown command', ['replya']],
  ])('events: %s', async (_label, argv) => {
    const run = await events(argv);

    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(bridgeRequests()).toBe(0);
  });
});

describe('what SQS and EventBridge answer is escaped and redacted before it reaches the terminal', () => {
  it('a hostile message id and body: escaped without --show-bodies (no body at all) and with it (secrets redacted)', async () => {
    orders();
    const body = 'card=4111 token=s3cr3t-value \u009b2J\u001b[31m fake\rrow';
    answerSqs('ReceiveMessage', {
      Messages: [
        {
          MessageId: 'id\u001b[2J\nforged-row',
          ReceiptHandle: 'h',
          MD5OfBody: createHash('md5').update(body).digest('hex'),
          Body: body,
          Attributes: { DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:1:\u001b]0;x\u0007' },
        },
      ],
    });
    sqs.send('orders-dlq', 'x', { deadLetterSourceQueue: 'orders' });

    const hidden = await dlq(['redrive', 'orders-dlq']);
    const shown = await dlq(['redrive', 'orders-dlq', '--show-bodies']);

    for (const run of [hidden, shown]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(CONTROL);
      expect(run.stdout).not.toContain('s3cr3t-value');
      expect(run.stdout).not.toMatch(/^forged-row/m);
    }
    expect(hidden.stdout).not.toContain('card=4111');
    expect(shown.stdout).toContain('card=4111');
  });

  it('a body of 200 KB is cut to 500 characters with --show-bodies', async () => {
    orders();
    sqs.send('orders-dlq', 'b'.repeat(200_000), { deadLetterSourceQueue: 'orders' });

    const run = await dlq(['redrive', 'orders-dlq', '--show-bodies']);

    expect(run.stdout.length).toBeLessThan(3_000);
    expect(run.stdout).toContain('(200000 characters)');
  });

  it('an SQS error message with control characters and a secret reaches stderr escaped and redacted', async () => {
    answerSqs(
      'GetQueueUrl',
      {
        __type: 'com.amazonaws.sqs#QueueDoesNotExist',
        message: 'gone\u001b[2J https://x.test/?X-Amz-Signature=abc123',
      },
      400,
      { 'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender' },
    );

    const run = await dlq(['status', 'orders-dlq']);

    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(CONTROL);
    expect(run.stderr).not.toContain('abc123');
  });

  it('source queue URLs with escape sequences are printed escaped', async () => {
    orders();
    answerSqs('ListDeadLetterSourceQueues', {
      queueUrls: ['https://sqs.us-east-1.amazonaws.com/123456789012/a\u001b[2Jb', 'https://x/1/c\u009b31m'],
    });

    const run = await dlq(['redrive', 'orders-dlq']);

    expect(run.code).toBe(2);
    expect(run.stdout).not.toMatch(CONTROL);
    expect(run.stderr).not.toMatch(CONTROL);
  });

  it('a ListDeadLetterSourceQueues that answers a NextToken forever ends after a bounded number of pages', async () => {
    orders();
    answerSqs('ListDeadLetterSourceQueues', { queueUrls: [], NextToken: 'again' });

    const run = await dlq(['status', 'orders-dlq']);

    expect(run.code).toBe(0);
    expect(sqs.calls.ListDeadLetterSourceQueues).toBeLessThanOrEqual(10);
  });

  it('an archive whose description fields carry escapes is printed escaped (text and --json status)', async () => {
    server.use(
      http.post('https://events.us-east-1.amazonaws.com/', ({ request }) => {
        const target = request.headers.get('x-amz-target');
        if (target === 'AWSEvents.DescribeArchive') {
          return HttpResponse.json({
            ArchiveName: 'a\u001b[2J',
            ArchiveArn: 'arn:aws:events:us-east-1:123456789012:archive/a',
            EventSourceArn: 'arn:aws:events:us-east-1:123456789012:event-bus/b\u009b31m',
            State: 'ENABLED\u0007',
            EventCount: 1,
          });
        }
        if (target === 'AWSEvents.DescribeReplay') {
          return HttpResponse.json({ ReplayName: 'r', State: 'FAILED', StateReason: 'x\u009b2J\u001b[1m' });
        }
        return undefined;
      }),
    );

    const plan = await events(['replay', '--archive', 'a', ...RANGE]);
    const status = await events(['replay-status', 'r']);
    const json = await events(['replay-status', 'r', '--json']);

    expect(plan.code).toBe(0);
    expect(status.code).toBe(1);
    expect(json.code).toBe(1);
    for (const run of [plan, status, json]) expect(run.stdout + run.stderr).not.toMatch(CONTROL);
    expect(JSON.parse(json.stdout).stateReason).toBe('x\u009b2J\u001b[1m');
  });
});
