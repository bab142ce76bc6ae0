import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { carriesDeadLetter, dlqNames } from './redriveFlow.js';

/** For each `new SendMessageCommand(...)` of the source: does it carry on what the first receive gave? */
function redrives(source: string): boolean[] {
  const ctx = contextOf(source);
  const news = ctx.of('NewExpression');
  const receive = news.find((n) => (n.callee as Node).name === 'ReceiveMessageCommand') as Node;
  const flow = dlqNames(ctx, receive);
  return news
    .filter((n) => (n.callee as Node).name === 'SendMessageCommand')
    .map((n) => carriesDeadLetter(ctx, n, flow, source.slice(n.start, n.end)));
}

describe('dlqNames and carriesDeadLetter', () => {
  it('follows the received message through a loop and a destructured body field', () => {
    expect(
      redrives(`
        export const handler = async () => {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: DLQ }));
          for (const m of out.Messages) {
            const { id } = JSON.parse(m.Body);
            await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: JSON.stringify({ id }) }));
            await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: JSON.stringify({ kind: 'tick' }) }));
          }
        };`),
    ).toEqual([true, false]);
  });

  it('leaves a send in another function, and one bounded by a count of rounds', () => {
    expect(
      redrives(`
        async function drain() {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: DLQ }));
          for (const m of out.Messages) await del(m);
        }
        async function defer(message) {
          await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: JSON.stringify(message) }));
        }`),
    ).toEqual([false]);
    expect(
      redrives(`
        async function replay() {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: DLQ }));
          for (const m of out.Messages) {
            const job = JSON.parse(m.Body);
            if (job.attempt < MAX_ATTEMPTS) await sqs.send(new SendMessageCommand({ QueueUrl: Q, MessageBody: JSON.stringify(job) }));
          }
        }`),
    ).toEqual([false]);
  });
});
