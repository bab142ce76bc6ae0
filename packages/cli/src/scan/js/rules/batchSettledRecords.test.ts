import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { settlesRecordsOutOfView } from './batchSettledRecords.js';

const handlerOf = (body: string) => {
  const ctx = contextOf(
    `import { store } from './work';\nimport { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\nexport const handler = async (event) => { ${body} };`,
  );
  const fn = [...ctx.handlers.keys()][0];
  if (fn === undefined) throw new Error('no handler');
  return settlesRecordsOutOfView(ctx, fn);
};

describe('settlesRecordsOutOfView', () => {
  it('holds for records settled over imported work whose rejections are only logged', () => {
    // Act
    const settles = handlerOf(
      "const rs = await Promise.allSettled(event.Records.map((r) => store(r))); log(rs.filter((x) => x.status === 'rejected')); /* we never throw here */",
    );

    // Assess
    expect(settles).toBe(true);
  });

  it.each([
    [
      'a throw on the rejections',
      "const rs = await Promise.allSettled(event.Records.map((r) => store(r))); if (rs.some((x) => x.status === 'rejected')) throw new Error('x');",
    ],
    [
      'work in view (swallowed-error judges it)',
      'await Promise.allSettled(event.Records.map((r) => db.send(new PutItemCommand(r))));',
    ],
    [
      'a callback-era failure on the rejections',
      "const rs = await Promise.allSettled(event.Records.map((r) => store(r))); if (rs.some((x) => x.status === 'rejected')) return callback(new Error('x'));",
    ],
    [
      'a context.fail on the rejections',
      "const rs = await Promise.allSettled(event.Records.map((r) => store(r))); if (rs.some((x) => x.status === 'rejected')) context.fail('x');",
    ],
    [
      'the rejections answered as batch item failures',
      "const rs = await Promise.allSettled(event.Records.map((r) => store(r))); return { batchItemFailures: rs.flatMap((x, i) => (x.status === 'rejected' ? [{ itemIdentifier: event.Records[i].messageId }] : [])) };",
    ],
    ['a settle of other work', 'await Promise.allSettled([store(event)]);'],
    ['Promise.all', 'await Promise.all(event.Records.map((r) => store(r)));'],
  ])('does not hold for %s', (_why, body) => {
    // Act
    const settles = handlerOf(body);

    // Assess
    expect(settles).toBe(false);
  });
});
