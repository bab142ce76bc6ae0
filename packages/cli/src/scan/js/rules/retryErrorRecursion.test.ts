// errorHintRecursions: a catch that calls its own function again with a value read off the error.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { errorHintRecursions } from './retryErrorRecursion.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

/** The lines of the self-calls reported as unbounded. */
function lines(source: string): number[] {
  const ctx = contextOf(source);
  return errorHintRecursions(ctx)
    .filter((s) => s.unbounded !== undefined)
    .map((s) => ctx.position(s.node.start).line);
}

describe('errorHintRecursions', () => {
  it('reports a try/catch that recurses with the token the error carries', () => {
    const source = [
      'async function put(id, token) {',
      '  try { await send(id, token); }',
      '  catch (e) { if (e.expectedSequenceToken) return put(id, e.expectedSequenceToken); throw e; }',
      '}',
    ].join('\n');
    expect(lines(source)).toEqual([3]);
  });

  it('reports a .catch callback that recurses with a value parsed from the message', () => {
    const source = [
      'async function write(s, l, token) {',
      '  await send(s, l, token).catch(async (err) => {',
      "    const next = err.message.split(':')[1].trim();",
      '    await write(s, l, next);',
      '  });',
      '}',
    ].join('\n');
    expect(lines(source)).toEqual([4]);
  });

  it('leaves a recursion that counts its attempts, or hands on nothing from the error', () => {
    const counted = [
      'async function put(id, token, attempt = 0) {',
      '  try { await send(id, token); }',
      '  catch (e) { if (attempt >= 3) throw e; return put(id, e.expectedSequenceToken, attempt + 1); }',
      '}',
    ].join('\n');
    const created = [
      'async function write(s, l) {',
      '  try { await send(s, l); }',
      '  catch (e) { await create(s); return write(s, l); }',
      '}',
    ].join('\n');
    const handed = [
      'async function put(id) {',
      '  try { await send(id); }',
      '  catch (e) { return put(e); }',
      '}',
    ].join('\n');
    expect([lines(counted), lines(created), lines(handed)]).toEqual([[], [], []]);
  });

  it('leaves a one-shot retry bounded by a flag, a nullish parameter, or a hint tested on entry', () => {
    const flag = [
      'async function putLog(events, token, retried) {',
      '  try { await send(events, token); }',
      '  catch (e) { if (!retried && e.expectedSequenceToken) return putLog(events, e.expectedSequenceToken, true); throw e; }',
      '}',
    ].join('\n');
    const redirect = [
      'async function getObj(key, region) {',
      '  try { return await get(key, region); }',
      "  catch (err) { if (err.name === 'PermanentRedirect' && region === undefined) return getObj(key, err.Region); throw err; }",
      '}',
    ].join('\n');
    const branch = [
      'export async function handler(event, context, failure) {',
      '  if (failure) return notifyFailure(event, failure);',
      '  try { return await process(event); }',
      '  catch (e) { return handler(event, context, e.message); }',
      '}',
    ].join('\n');
    expect(lines(flag)).toEqual([]);
    expect(lines(redirect)).toEqual([]);
    expect(lines(branch)).toEqual([]);
  });
});
