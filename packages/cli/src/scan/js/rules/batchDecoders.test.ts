// Which parameter a decoder takes its event by, and which members of a class read or forward a batch.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { decoderMembers } from './batchDecoderMembers.js';
import { eventParam, readsBatchEvent } from './batchDecoders.js';

/** The module of `source` and its first class, or else first function. */
function parsed(source: string): { ctx: ModuleContext; node: Node } {
  const ctx = contextOf(source, '/app/m.ts');
  let node: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (
      n.type === 'ClassDeclaration' ||
      n.type === 'ArrowFunctionExpression' ||
      n.type === 'FunctionDeclaration'
    )
      node = n;
    return node !== undefined;
  });
  return { ctx, node: node as Node };
}

describe('eventParam', () => {
  it.each([
    ['(event) => 0', 'event'],
    ['({ event }) => 0', 'event'],
    ['({ event: e = {} }) => 0', 'e'],
    ['({ ctx }) => 0', undefined],
  ])('%s -> %s', (source, name) => {
    expect(eventParam(parsed(source).node)).toBe(name);
  });
});

describe('readsBatchEvent', () => {
  it.each([
    "(ev) => ev['Records'].map((r) => JSON.parse(r.body))",
    '(ev) => (ev?.Records ?? []).map((r) => JSON.parse(r.body))',
    "(ev) => ev?.['Records'].map((r) => JSON.parse(r.body))",
  ])('reads the records however the field is spelled: %s', (source) => {
    const { ctx, node } = parsed(source);
    expect(readsBatchEvent(ctx, node)).toBe(true);
  });
});

describe('decoderMembers', () => {
  it('leaves out a member answering batchItemFailures itself', () => {
    const { ctx, node } = parsed(`import Parse from './parse';
class C { async run(event) { const batchItemFailures = []; Parse.bodies(event); return { batchItemFailures }; } }`);
    expect(decoderMembers(ctx, node)).toBeUndefined();
  });

  it('names a member reading the records under a destructured key, and one calling it on this', () => {
    const { ctx, node } = parsed(`class C {
  static messages = ({ sqsEvent }) => sqsEvent.Records.map((r) => JSON.parse(r.body));
  static bodies(event) { return event.Records.map((r) => JSON.parse(r.body)); }
  static parseEvent(event) { return this.bodies(event); }
}`);
    expect(decoderMembers(ctx, node)?.batchEventMembers).toEqual([
      'messages.sqsEvent',
      'bodies',
      'parseEvent',
    ]);
  });
});
