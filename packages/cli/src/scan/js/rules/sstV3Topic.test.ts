import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { sstV3TopicRules } from './sstV3Topic.js';

const TOPIC = "export const receipts = new sst.aws.SnsTopic('Receipts');\n";

/** Lines (1-based) of the findings in an infra module holding the topic and `body`. */
function lines(body: string, head = TOPIC): number[] {
  const source = head + body;
  const found: number[] = [];
  sstV3TopicRules(contextOf(source, '/app/infra/mail.ts'), (rule, node: Node) => {
    if (rule === 'iac-missing-dlq') found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

describe('sstV3TopicRules', () => {
  it.each([
    ['a name first', "receipts.subscribe('Processor', { handler: 'src/receipt.handler', link: [bucket] });"],
    [
      'a props object only',
      "receipts.subscribe({ handler: 'src/receipt.handler', environment: { DB: url } });",
    ],
    [
      'a handler string, its links under the args',
      "receipts.subscribe('src/receipt.handler', { transform: { subscriber: { link: [table] } } });",
    ],
    [
      "only the subscription's redrive policy",
      "receipts.subscribe('P', { handler: 'src/r.handler', link: [b] }, { transform: { subscription: { redrivePolicy: policy } } });",
    ],
    [
      "a redrive policy naming a dead-letter queue (SNS's, not the function's)",
      "const deadLetterQueue = new sst.aws.Queue('D');\nreceipts.subscribe('P', { handler: 'src/r.handler', link: [b] }, { transform: { subscription: { redrivePolicy: $jsonStringify({ deadLetterTargetArn: deadLetterQueue.arn }) } } });",
    ],
    [
      'an app-wide $transform',
      "$transform(sst.aws.Function, (a) => { a.link = [db]; });\nreceipts.subscribe('src/r.handler');",
    ],
  ])('reports a working subscriber with %s', (_name, body) => {
    expect(lines(body)).toHaveLength(1);
  });

  it.each([
    ['a handler string only (it can only log)', "receipts.subscribe('src/log.handler');"],
    [
      'a dead-letter config on its function',
      "receipts.subscribe('P', { handler: 'src/r.handler', link: [b], transform: { function: { deadLetterConfig: { targetArn: dlq.arn } } } });",
    ],
    [
      'an event invoke config in the module',
      "receipts.subscribe('P', { handler: 'src/r.handler', link: [b] });\nnew aws.lambda.FunctionEventInvokeConfig('C', { functionName: n, destinationConfig: { onFailure: { destination: q.arn } } });",
    ],
    ['a function built elsewhere', 'receipts.subscribe(worker.arn);'],
    [
      'a handler string and a filter on an `environment` attribute',
      "receipts.subscribe('src/log.handler', { filter: { environment: ['prod'] } });",
    ],
    [
      'a name, a handler string and a filter on a `role` attribute',
      "receipts.subscribe('Logger', 'src/log.handler', { filter: { role: ['admin'] } });",
    ],
    ['a spread subscriber', "receipts.subscribe('P', { ...shared, handler: 'src/r.handler' });"],
  ])('leaves a subscriber with %s', (_name, body) => {
    expect(lines(body)).toEqual([]);
  });

  it('reads only subscribe calls on a topic built in the module', () => {
    expect(lines("queue.subscribe({ handler: 'src/q.handler', link: [b] });")).toEqual([]);
    expect(
      lines(
        "receipts.subscribe({ handler: 'src/r.handler', link: [b] });",
        "const receipts = new Topic('R');\n",
      ),
    ).toEqual([]);
  });

  it('matches a subscribe call to its topic by binding, not by the name written', () => {
    const queue =
      "function f() {\n  const receipts = new sst.aws.Queue('Q', { dlq });\n  receipts.subscribe({ handler: 'src/q.handler', link: [b] });\n}";
    expect(lines(queue)).toEqual([]);
    const two = ['A', 'B']
      .map(
        (id) =>
          `function make${id}() {\n  const t = new sst.aws.SnsTopic('${id}');\n  t.subscribe({ handler: 'src/h.handler', link: [b] });\n}\n`,
      )
      .join('');
    expect(lines(two, '')).toEqual([3, 7]);
  });
});
