// Which record promises are parked on failure by their own `.catch` (the promise-chain form of a parking try).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { parksEachRecordPromise, parksRecordPromise } from './recordCatchParks.js';

/** The module's context and the function the export named `name` stands for. */
function exported(source: string, name: string): { ctx: ModuleContext; fn: Node } {
  const ctx = contextOf(source, '/app/handler.js');
  const program = ctx.program;
  for (const decl of program.body as Node[]) {
    if (decl.type !== 'ExportNamedDeclaration') continue;
    const d = decl.declaration as Node;
    if (d.type === 'FunctionDeclaration' && d.id?.name === name) return { ctx, fn: d };
    const v = d.type === 'VariableDeclaration' ? (d.declarations as Node[])[0] : undefined;
    if (v?.id?.name === name) return { ctx, fn: v.init as Node };
  }
  throw new Error(`no export ${name}`);
}

const PARKED_CHAIN = `import Promise from 'bluebird';
import DeadLetters from './deadLetters';
function park(payload, error) {
  return DeadLetters.put({ payload, error: error.message });
}
function mirror(change) {
  if (!change.image) return Promise.resolve();
  return write(change.image).catch((error) => park(change.image, error));
}
`;

describe('parksEachRecordPromise', () => {
  it('clears a callback handler whose Bluebird map parks every record through two module functions', () => {
    // Prepare
    const { ctx, fn } = exported(
      `${PARKED_CHAIN}export function sync(event, context, callback) {
  return Promise.map(event.Records.map(decode), (c) => mirror(c))
    .then((r) => callback(null, r))
    .catch((err) => callback(err));
}`,
      'sync',
    );

    // Act
    const parked = parksEachRecordPromise(ctx, fn);

    // Assess
    expect(parked).toBe(true);
  });

  it('clears an async handler parking inline with an SQS command', () => {
    // Prepare
    const { ctx, fn } = exported(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => save(r).catch((e) => sqs.send(new SendMessageCommand({ QueueUrl: q, MessageBody: r.body })))));
};`,
      'handler',
    );

    // Act
    const parked = parksEachRecordPromise(ctx, fn);

    // Assess
    expect(parked).toBe(true);
  });

  it('keeps a handler that awaits a write after the parked fan-out', () => {
    // Prepare
    const { ctx, fn } = exported(
      `${PARKED_CHAIN}export const handler = async (event) => {
  await Promise.all(event.Records.map((c) => mirror(c)));
  await write({ id: 'marker' });
};`,
      'handler',
    );

    // Act
    const parked = parksEachRecordPromise(ctx, fn);

    // Assess
    expect(parked).toBe(false);
  });

  it('keeps a handler that works in a .then after the fan-out', () => {
    // Prepare
    const { ctx, fn } = exported(
      `${PARKED_CHAIN}export function sync(event, context, callback) {
  return Promise.map(event.Records, (c) => mirror(c)).then(() => notify(event)).then(() => callback(null));
}`,
      'sync',
    );

    // Act
    const parked = parksEachRecordPromise(ctx, fn);

    // Assess
    expect(parked).toBe(false);
  });
});

describe('parksRecordPromise', () => {
  /** The fan-out callback of the module's `handler`: the map's first argument inside its Promise.all. */
  function callbackOf(source: string): { ctx: ModuleContext; cb: Node } {
    const { ctx, fn } = exported(source, 'handler');
    let cb: Node | undefined;
    for (const call of ctx.of('CallExpression'))
      if (call.start > fn.start && (call.callee as Node).property?.name === 'map' && cb === undefined)
        cb = (call.arguments as Node[])[0] as Node;
    return { ctx, cb: cb as Node };
  }

  it('does not count a catch that only logs, whatever its words', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => save(r).catch((e) => logger.error('to the dlq', e))));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a promise whose record is parsed before the catch exists', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => save(JSON.parse(r.body)).catch((e) => deadLetters.put(r))));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a park that rejects again', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => save(r).catch((e) => deadLetters.put(r).then(() => Promise.reject(e)))));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a module function with one unparked write among its answers', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `${PARKED_CHAIN}function mirrorLoosely(change) {
  if (change.removed) return remove(change.id);
  return mirror(change);
}
export const handler = async (event) => {
  await Promise.all(event.Records.map((c) => mirrorLoosely(c)));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a block-bodied function that parses before its parked write', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `function m(r) {
  const o = JSON.parse(r.body);
  return save(o).catch((e) => park(r, e));
}
function park(r, e) {
  return DeadLetters.put({ r, error: e.message });
}
export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => m(r)));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a function that throws before its parked write', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `function m(r) {
  if (!r.body) throw new Error('empty');
  return save(r).catch((e) => DeadLetters.put({ r, error: e.message }));
}
export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => m(r)));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('does not count a floating write in a block body', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => { save(r); }));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it.each([
    ['an SNS alert', '(e) => sns.send(new PublishCommand({ TopicArn: t, Message: e.message }))'],
    ['a helper named for the dead-letter queue', '(e) => notifyDeadLetterWatchers(e)'],
    ['a DLQ put of the error alone', '(e) => deadLetters.put({ error: e.message, at: Date.now() })'],
  ])('does not count %s that carries nothing of the record', (_, handler) => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => save(r).catch(${handler})));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(false);
  });

  it('counts a park handed a value declared from the record, through a function of the module', () => {
    // Prepare
    const { ctx, cb } = callbackOf(
      `function park(event, error) {
  const message = { event, error: error.message };
  return deadLetters.put(message);
}
function sync(record) {
  const [image] = KINDS[record.eventName];
  const item = cleanse(record[image]);
  return index(item).catch((error) => park({ payload: item }, error));
}
export const handler = async (event) => {
  await Promise.all(event.Records.map((r) => sync(r)));
};`,
    );

    // Act
    const parked = parksRecordPromise(ctx, cb);

    // Assess
    expect(parked).toBe(true);
  });
});
