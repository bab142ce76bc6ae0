// urql clients: no timeout unless fetchOptions carries a signal or the fetch is the project's own; no retry
// unless retryExchange is among the exchanges. Reported at the construction, where both are fixed.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { unguardedUrqlClients } from './urqlClients.js';

/** The rules unguardedUrqlClients reports for a server module building `client`. */
function reported(client: string, file = 'graphql.ts'): string[] {
  const source = [
    "import { Client, createClient, fetchExchange, retryExchange } from '@urql/core';",
    "import fetch from 'node-fetch';",
    "import { timedFetch } from './timed-fetch';",
    'const url = process.env.API_URL;',
    `export const client = ${client};`,
  ].join('\n');
  const rules: string[] = [];
  unguardedUrqlClients(contextOf(source, file), (rule) => {
    rules.push(rule);
  });
  return rules.sort();
}

describe('unguardedUrqlClients', () => {
  it.each([
    [
      'headers only, node-fetch handed in',
      'new Client({ url, exchanges: [fetchExchange], fetchOptions: () => ({ headers: {} }), fetch: fetch as unknown as typeof globalThis.fetch })',
      ['http-no-timeout', 'no-retry'],
    ],
    ['createClient with the default exchanges', 'createClient({ url })', ['http-no-timeout', 'no-retry']],
    [
      'a signal in fetchOptions, no retryExchange',
      'new Client({ url, exchanges: [fetchExchange], fetchOptions: () => ({ signal: AbortSignal.timeout(5000) }) })',
      ['no-retry'],
    ],
    [
      'a fetch of its own and a retryExchange',
      'new Client({ url, exchanges: [retryExchange({ maxNumberAttempts: 3 }), fetchExchange], fetch: timedFetch })',
      [],
    ],
    ['options not seen', 'new Client(options)', []],
    ['exchanges not spelled out', 'new Client({ url, exchanges, fetchOptions: { signal } })', []],
  ])('%s', (_name, client, expected) => {
    // Act
    const rules = reported(client);

    // Assess
    expect(rules).toEqual(expected);
  });

  it('leaves a React component alone: the browser user is the retry', () => {
    // Act
    const rules = reported('createClient({ url })', 'Provider.tsx');

    // Assess
    expect(rules).toEqual([]);
  });
});
