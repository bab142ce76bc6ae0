import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { judgedAtCallers } from './batchPassThrough.js';

/** Asks judgedAtCallers of the module's one `.promise()` send and the exported `publish`. */
const judge = (source: string) => {
  const ctx = contextOf(source);
  const send = ctx.of('CallExpression').find((c) => calleeName(c) === 'promise') as Node;
  const fn = ctx.enclosingFunction(send) as Node;
  return judgedAtCallers(
    ctx,
    fn,
    ctx.climb(send, (p) => p.type === 'AwaitExpression').node,
    'FailedEntryCount',
    'publish',
  );
};

describe('judgedAtCallers', () => {
  it.each([
    ['export const publish = async (e) => bus.putEvents({ Entries: [e] }).promise();', true],
    ['export async function publish(e) { return await bus.putEvents({ Entries: [e] }).promise(); }', true],
    ['export const publish = async <T>(e: T) => bus.putEvents({ Entries: [e] }).promise();', true],
    [
      'export async function publish(e) { const out = await bus.putEvents({ Entries: [e] }).promise(); console.log(out.Entries); return out; }',
      false,
    ],
    [
      'export async function publish(e) { try { return await bus.putEvents({ Entries: [e] }).promise(); } catch (err) { throw new Error("bus down"); } }',
      false,
    ],
    [
      'export const publish = async (e) => bus.putEvents({ Entries: [e] }).promise();\nexport const handler = async (ev) => { await publish(ev.detail); };',
      false,
    ],
    // In-module calls are found by binding (type arguments, `exports.`, `this.`), not by a text look.
    [
      'export const publish = async <T>(e: T) => bus.putEvents({ Entries: [e] }).promise();\nexport const handler = async (ev) => { await publish<string>(ev.detail); };',
      false,
    ],
    [
      'exports.publish = async (e) => bus.putEvents({ Entries: [e] }).promise();\nexports.handler = async (ev) => { await exports.publish(ev.detail); };',
      false,
    ],
    [
      'export const publish = async (e) => bus.putEvents({ Entries: [e] }).promise();\n// publish(ev) is called by the order handlers\nconst doc = "publish(x)";',
      true,
    ],
    [
      'export const publish = async (e) => bus.putEvents({ Entries: [e] }).promise();\nexport const relay = async (ev) => { await otherBus.publish(ev.detail); };',
      true,
    ],
  ])('%s -> %s', (source, expected) => {
    // Act
    const answer = judge(source as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
