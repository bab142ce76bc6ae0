// Which web3 HTTP providers web3Providers reports as built without a timeout.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { web3Providers } from './web3Providers.js';

/** The lines (1-based) reported for `source`. */
function reportedLines(source: string): number[] {
  const ctx = contextOf(source, 'm.ts');
  const lines: number[] = [];
  web3Providers(ctx, (_rule, node) => lines.push(ctx.position(node.start).line));
  return lines;
}

describe('web3Providers', () => {
  it.each([
    [
      'the 1.x namespace, no options',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url);",
    ],
    [
      'options without a timeout',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { keepAlive: true });",
    ],
    [
      'the standalone package',
      "import HttpProvider from 'web3-providers-http';\nconst p = new HttpProvider(url);",
    ],
    ['the named export', "import { HttpProvider } from 'web3';\nconst p = new HttpProvider(url);"],
    [
      'a timeout of 0 (none)',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { timeout: 0 });",
    ],
    [
      'providerOptions without a signal',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { providerOptions: { keepalive: true } });",
    ],
  ])('reported: %s', (_, source) => {
    expect(reportedLines(source)).toEqual([2]);
  });

  it.each([
    [
      'a 1.x timeout',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { timeout: 10000 });",
    ],
    [
      '4.x providerOptions',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { providerOptions: { signal } });",
    ],
    [
      'providerOptions out of sight',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, { providerOptions: init });",
    ],
    [
      'options out of sight',
      "import Web3 from 'web3';\nconst p = new Web3.providers.HttpProvider(url, opts);",
    ],
    [
      'a project class of the same name',
      "import { HttpProvider } from './http';\nconst web3 = 1;\nconst p = new HttpProvider(url);",
    ],
  ])('not reported: %s', (_, source) => {
    expect(reportedLines(source)).toEqual([]);
  });
});
