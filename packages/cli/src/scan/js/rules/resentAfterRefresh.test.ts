// The re-send after a token refresh is the first request's retry: no-retry asks for a retry of the first only.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { resentAfterRefresh } from './resentAfterRefresh.js';

/** The answer for each `fetch` call in `source`, in source order. */
function answers(source: string): boolean[] {
  const ctx = contextOf(source);
  return ctx
    .of('CallExpression')
    .filter((c) => (c.callee as Node).name === 'fetch')
    .sort((a, b) => a.start - b.start)
    .map((c) => resentAfterRefresh(ctx, c));
}

describe('resentAfterRefresh', () => {
  it('knows the second fetch after a refresh in the failure branch', () => {
    // Prepare
    const source = [
      'export async function get(url: string, token: string) {',
      '  let res = await fetch(url, { headers: { Authorization: token } });',
      '  if (!res.ok) {',
      '    if (res.status !== 401) throw new Error("failed");',
      '    const fresh = await refreshAppAccessToken();',
      '    res = await fetch(url, { headers: { Authorization: fresh } });',
      '  }',
      '  return res.json();',
      '}',
    ].join('\n');

    // Act
    const result = answers(source);

    // Assess
    expect(result).toEqual([false, true]);
  });

  it('knows a 401 test with a renewal before the re-send', () => {
    // Prepare
    const source = [
      'export async function get(url: string) {',
      '  let res = await fetch(url);',
      '  if (res.status === 401) { await renewSession(); res = await fetch(url); }',
      '  return res;',
      '}',
    ].join('\n');

    // Act
    const result = answers(source);

    // Assess
    expect(result).toEqual([false, true]);
  });

  it('leaves a fallback fetch with no refresh before it to the rule', () => {
    // Prepare
    const source = [
      'export async function get(id: string) {',
      '  let res = await fetch("https://a.example.com/" + id);',
      '  if (!res.ok) res = await fetch("https://b.example.com/" + id);',
      '  return res;',
      '}',
    ].join('\n');

    // Act
    const result = answers(source);

    // Assess
    expect(result).toEqual([false, false]);
  });

  it('leaves a refresh that follows the fetch, or one outside a failure test, to the rule', () => {
    // Prepare
    const source = [
      'export async function get(url: string, force: boolean) {',
      '  if (force) { await refreshCache(); return fetch(url); }',
      '  if (!cached.ok) { const res = await fetch(url); await refreshToken(); return res; }',
      '}',
    ].join('\n');

    // Act
    const result = answers(source);

    // Assess
    expect(result).toEqual([false, false]);
  });

  it('knows a re-send in the else branch of a success test', () => {
    // Prepare
    const source = [
      'export async function get(url: string) {',
      '  let res = await fetch(url);',
      '  if (res.ok) { return res.json(); } else { await refreshToken(); res = await fetch(url); }',
      '  return res.json();',
      '}',
    ].join('\n');

    // Act
    const result = answers(source);

    // Assess
    expect(result).toEqual([false, true]);
  });

  it.each([
    [
      'a lease renewal before the only request',
      "if (order.status === 'expired') { await renewLease(order.id); await fetch(order.callbackUrl); }",
      [false],
    ],
    [
      'a subscription renewal before the only request',
      "if (sub.status === 'active') { await autoRenewSubscription(sub); await fetch(sub.invoiceUrl); }",
      [false],
    ],
    [
      'a UI refresh flag before the only request',
      'if (state.ok) { setRefreshing(true); await fetch(url); }',
      [false],
    ],
    [
      'a fallback to a mirror after a cache refresh',
      'let res = await fetch(a); if (!res.ok) { await refreshCache(); res = await fetch(mirror); }',
      [false, false],
    ],
    [
      'a credential refresh before a request to another URL',
      'let res = await fetch(a); if (!res.ok) { await refreshToken(); res = await fetch(mirror); }',
      [false, false],
    ],
  ])('leaves %s to the rule', (_, body, expected) => {
    // Act
    const result = answers(`export async function get(order, sub, state, url, a, mirror) { ${body} }`);

    // Assess
    expect(result).toEqual(expected);
  });
});
