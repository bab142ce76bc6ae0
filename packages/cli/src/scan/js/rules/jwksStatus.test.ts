// Which key-download misses (`if (!res.ok) return null` after a JWKS fetch) the null flow reports: only
// those a caller of the module reads as a deny, on a key URL, with the not-ok test alone.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { nullFlowSites } from './authNullFlow.js';

/** The lines of the null-flow sites in `source` (1-based). */
function siteLines(source: string): number[] {
  const ctx = contextOf(source);
  return [...nullFlowSites(ctx).keys()].map((n) => ctx.position(n.start).line).sort();
}

const JWKS = "'https://issuer.example.com/.well-known/jwks.json'";

/** A key helper whose second line is the tested `if`, and a caller answering with `answer`. */
function keysAndCaller(url: string, test: string, miss: string, answer: string): string {
  return [
    `async function keys() { const res = await fetch(${url});`,
    `  if (${test}) return ${miss};`,
    '  return (await res.json()).keys; }',
    `export async function route(t) { const k = await keys(); if (${answer.startsWith('E') ? 'k.length === 0' : '!k'}) return { statusCode: ${answer.replace('E', '')} }; return t; }`,
  ].join('\n');
}

describe('key download misses in the null flow', () => {
  it.each([
    ['!res.ok answered null, caller 401', JWKS, '!res.ok', 'null', '401'],
    ['status !== 200 answered false, caller 403', JWKS, 'res.status !== 200', 'false', '403'],
    [
      'an openid-configuration URL',
      "'https://x/.well-known/openid-configuration'",
      '!res.ok',
      'undefined',
      '401',
    ],
    ['an empty key list, caller tests its length', JWKS, '!res.ok', '[]', 'E401'],
    ['{ keys: [] }, caller tests its length', JWKS, 'res.ok === false', '{ keys: [] }', 'E401'],
  ])('reported: %s', (_, url, test, miss, answer) => {
    expect(siteLines(keysAndCaller(url, test, miss, answer))).toEqual([2]);
  });

  it.each([
    ['the caller answers 503', JWKS, '!res.ok', 'null', '503'],
    ['not a key URL (security.txt)', "'https://x/.well-known/security.txt'", '!res.ok', 'null', '401'],
    ['only a 404 answered null', JWKS, '!res.ok && res.status === 404', 'null', '401'],
    ['an empty list read by a !k test', JWKS, '!res.ok', '[]', '401'],
  ])('not reported: %s', (_, url, test, miss, answer) => {
    expect(siteLines(keysAndCaller(url, test, miss, answer))).toEqual([]);
  });
});
