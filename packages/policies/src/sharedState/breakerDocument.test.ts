import { describe, expect, it } from 'vitest';
import {
  BREAKER_DOCUMENT_VERSION,
  MAX_BREAKER_DOCUMENT_LENGTH,
  parseBreakerDocument,
  serializeBreakerDocument,
  validateBreakerDocument,
} from './breakerDocument.js';
import type { BreakerStateDocument } from './SharedBreakerState.js';

const valid: BreakerStateDocument = {
  version: 1,
  dependency: 'edna',
  state: 'open',
  since: '2026-11-23T10:00:00.000Z',
  retryAt: '2026-11-23T10:01:00.000Z',
  reason: '3 failed health checks',
  writtenBy: { kind: 'probe', id: 'edna-probe' },
  updatedAt: '2026-11-23T10:00:00.000Z',
};

describe('parseBreakerDocument', () => {
  it('accepts a valid document and round-trips it through serializeBreakerDocument', () => {
    // Prepare
    const text = serializeBreakerDocument(valid);

    // Act
    const result = parseBreakerDocument(text);

    // Assess
    expect(result).toEqual({ ok: true, document: valid });
    expect(BREAKER_DOCUMENT_VERSION).toBe(1);
  });

  it.each(['open', 'closed', 'forced-open', 'forced-closed'] as const)('accepts state %s', (state) => {
    expect(validateBreakerDocument({ ...valid, state }).ok).toBe(true);
  });

  it('drops unknown extra fields instead of trusting them', () => {
    const result = parseBreakerDocument(JSON.stringify({ ...valid, extra: 'x' }));
    expect(result.ok && Object.keys(result.document)).not.toContain('extra');
  });

  it.each([
    ['not JSON', '{', 'unparseable'],
    ['empty', '', 'unparseable'],
    ['an array', '[]', 'invalid'],
    ['null', 'null', 'invalid'],
    ['a future version', JSON.stringify({ ...valid, version: 2 }), 'unknown-version'],
    ['a string version', JSON.stringify({ ...valid, version: '1' }), 'invalid'],
    ['no version', JSON.stringify({ ...valid, version: undefined }), 'invalid'],
    ["cockatiel's isolated state", JSON.stringify({ ...valid, state: 'isolated' }), 'invalid'],
    ['half-open', JSON.stringify({ ...valid, state: 'half-open' }), 'invalid'],
    [
      'a cockatiel toJSON() snapshot',
      JSON.stringify({ ownState: { value: 3, openedAt: 0 }, breakerState: 0 }),
      'invalid',
    ],
    ['an empty dependency', JSON.stringify({ ...valid, dependency: '' }), 'invalid'],
    ['a bad since', JSON.stringify({ ...valid, since: 'yesterday' }), 'invalid'],
    ['an impossible date', JSON.stringify({ ...valid, updatedAt: '2026-13-45T99:00:00Z' }), 'invalid'],
    ['a numeric retryAt', JSON.stringify({ ...valid, retryAt: 1 }), 'invalid'],
    ['a numeric reason', JSON.stringify({ ...valid, reason: 5 }), 'invalid'],
    ['a huge reason', JSON.stringify({ ...valid, reason: 'x'.repeat(2000) }), 'invalid'],
    ['an unknown writer', JSON.stringify({ ...valid, writtenBy: { kind: 'robot', id: 'r' } }), 'invalid'],
    ['a writer without id', JSON.stringify({ ...valid, writtenBy: { kind: 'probe' } }), 'invalid'],
    ['a 5,000-character dependency', JSON.stringify({ ...valid, dependency: 'x'.repeat(5_000) }), 'invalid'],
    ['a dependency with a newline', JSON.stringify({ ...valid, dependency: 'edna\nlevel=ERROR' }), 'invalid'],
    ['a dependency that is a path', JSON.stringify({ ...valid, dependency: 'ed/na' }), 'invalid'],
  ] as const)('refuses %s as %s', (_label, text, problem) => {
    // Act
    const result = parseBreakerDocument(text);

    // Assess
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toBe(problem);
    expect(!result.ok && result.message.length).toBeGreaterThan(5);
  });

  it('names the field and the value it refused', () => {
    const result = parseBreakerDocument(JSON.stringify({ ...valid, state: 'isolated' }));
    expect(!result.ok && result.message).toMatch(/"state".*"isolated"/);
  });

  it('refuses a document written for another dependency when one is expected', () => {
    const result = parseBreakerDocument(JSON.stringify(valid), { dependency: 'billing' });
    expect(!result.ok && result.message).toMatch(/"edna", expected "billing"/);
  });
});

describe('parseBreakerDocument: hostile text', () => {
  it.each([
    ['an array nested 4,500 deep', `${'['.repeat(4_500)}${']'.repeat(4_500)}`, 'unparseable'],
    [
      'a dependency nested 4,000 deep',
      `{"version":1,"dependency":${'['.repeat(4_000)}${']'.repeat(4_000)}}`,
      'invalid',
    ],
    [
      'text over the size bound',
      `{"version":1,"reason":"${'x'.repeat(MAX_BREAKER_DOCUMENT_LENGTH)}"}`,
      'unparseable',
    ],
    ['a number instead of text', 42, 'unparseable'],
  ] as const)('refuses %s as %s, without throwing', (_label, text, problem) => {
    // Act
    const result = parseBreakerDocument(text as string);

    // Assess
    expect(!result.ok && result.problem).toBe(problem);
    expect(!result.ok && result.message.length).toBeLessThan(200);
  });

  it('refuses a Proxy that throws when validated directly', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
      },
    );
    expect(validateBreakerDocument(trap).ok).toBe(false);
  });
});

describe('serializeBreakerDocument', () => {
  it('throws a TypeError naming the field rather than write what a reader would refuse', () => {
    const bad = { ...valid, state: 'isolated' } as unknown as BreakerStateDocument;
    expect(() => serializeBreakerDocument(bad)).toThrow(TypeError);
    expect(() => serializeBreakerDocument(bad)).toThrow(/"state"/);
  });
});
