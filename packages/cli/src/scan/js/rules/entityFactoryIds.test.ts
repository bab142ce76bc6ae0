// Which random constructor arguments entityFactoryIdRule reports: an entity's static factory minting its id.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { entityFactoryIdRule } from './entityFactoryIds.js';

/** The reported lines (1-based) of `source`, and the callers each asks for. */
function reported(source: string): { line: number; names: readonly string[] }[] {
  const ctx = contextOf(source, 'm.ts');
  const out: { line: number; names: readonly string[] }[] = [];
  entityFactoryIdRule(ctx, (_rule, node, _message, extra) =>
    out.push({ line: ctx.position(node.start).line, names: extra?.onlyIfConsumerCaller?.names ?? [] }),
  );
  return out;
}

const entity = (factory: string, param = 'public readonly bookingId: string') =>
  [
    "import { v4 as uuidv4 } from 'uuid';",
    'export class Booking {',
    `  constructor(${param}, public readonly orderId: string) {}`,
    `  static create(orderId: string) { return ${factory}; }`,
    '  static fromRecord(d: { bookingId: string; orderId: string }) { return new Booking(d.bookingId, d.orderId); }',
    '}',
  ].join('\n');

describe('entityFactoryIdRule', () => {
  it('reports a random id argument of its own class in a static factory, asking for its consumer callers', () => {
    const found = reported(entity('new Booking(uuidv4(), orderId)'));
    expect(found.map((f) => f.line)).toEqual([4]);
    // Named through the class: an importer's `prisma.audit.create(` is no call of the factory.
    expect(found[0]?.names).toContain('Booking.create');
    expect(found[0]?.names).not.toContain('create');
  });

  it('reads a plain id parameter and a defaulted one', () => {
    expect(reported(entity('new Booking(uuidv4(), orderId)', 'id: string')).map((f) => f.line)).toEqual([4]);
    expect(reported(entity('new Booking(uuidv4(), orderId)', "id = ''")).map((f) => f.line)).toEqual([4]);
  });

  it.each([
    ['a value object (the parameter names no id)', entity('new Booking(uuidv4(), orderId)', 'value: string')],
    ['an id taken from the input', entity('new Booking(orderId, orderId)')],
    ['a correlation id', entity('new Booking(uuidv4(), orderId)', 'public readonly correlationId: string')],
    ['a trace id', entity('new Booking(uuidv4(), orderId)', 'traceId: string')],
    ['another class built in the factory', entity('new Other(uuidv4(), orderId)')],
  ])('leaves %s', (_name, source) => {
    expect(reported(source)).toEqual([]);
  });

  it('leaves a constructor call outside a static method', () => {
    const source = [
      "import { randomUUID } from 'node:crypto';",
      'export class Booking {',
      '  constructor(public readonly bookingId: string) {}',
      '  copy() { return new Booking(randomUUID()); }',
      '}',
    ].join('\n');
    expect(reported(source)).toEqual([]);
  });
});
