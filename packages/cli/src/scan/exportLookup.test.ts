import { describe, expect, it } from 'vitest';
import { ExportLookup } from './exportLookup.js';
import type { ExportFact, ModuleFacts } from './js/Candidate.js';

const fact = (httpTimeoutArg?: number): ExportFact => ({
  provides: [],
  via: [],
  async: false,
  ...(httpTimeoutArg !== undefined ? { httpTimeoutArg } : {}),
});
const facts = (file: string, exports: Record<string, ExportFact>, reExports: ModuleFacts['reExports'] = []) =>
  ({ file, candidates: [], exports, reExports, ignores: [], globalTimeouts: [] }) as ModuleFacts;

/** Deferred modules behind a barrel, each spelling `Api`; `analysed` lists the modules analysed in full. */
function project(deferred: Record<string, string>, settled: Record<string, ModuleFacts>) {
  const analysed: string[] = [];
  const lookup = new ExportLookup({
    deferred: new Map(Object.entries(deferred)),
    factsOf: (file) => {
      if (file in deferred) analysed.push(file);
      return settled[file];
    },
    resolve: (_from, source) => `/app/${source.slice(2)}.ts`,
  });
  return { lookup, analysed };
}

describe('ExportLookup.factWhere', () => {
  const deferred = {
    '/app/plain.ts': "import { Api } from './client'; export class Stack { build() { return new Api(); } }",
    '/app/client.ts':
      "import axios from 'axios'; export class Api { get() { return axios.get(u, { timeout: this.t }); } }",
    '/app/alias.ts': "import { Client } from './client'; export const Api = Client;",
  };
  const settled = {
    '/app/index.ts': facts('/app/index.ts', {}, [
      { source: './plain' },
      { source: './alias' },
      { source: './client' },
    ]),
    '/app/plain.ts': facts('/app/plain.ts', { Stack: fact() }),
    '/app/alias.ts': facts('/app/alias.ts', {}, [{ source: './client', names: [['Api', 'Api']] }]),
    '/app/client.ts': facts('/app/client.ts', { Api: fact(2) }),
  };
  const mayHold = (text: string) => text.includes('timeout') && text.includes('axios');

  it('passes over a deferred module that fails the test and cannot hand the name on', () => {
    const { lookup, analysed } = project(deferred, settled);
    expect(lookup.factWhere('/app/index.ts', 'Api', mayHold)?.httpTimeoutArg).toBe(2);
    expect(analysed).toEqual(['/app/alias.ts', '/app/client.ts']);
  });

  it('gives the same answer as the plain lookup, which analyses every member spelling the name', () => {
    const { lookup, analysed } = project(deferred, settled);
    expect(lookup.fact('/app/index.ts', 'Api')?.httpTimeoutArg).toBe(2);
    expect(analysed).toEqual(['/app/plain.ts', '/app/alias.ts', '/app/client.ts']);
  });
});

describe('ExportLookup.fact through long re-export chains', () => {
  /** `/app/m0.ts` re-exports all of `/app/m1.ts`, ... `/app/m<n>.ts`, which defines `go`. */
  function chain(n: number) {
    const settled = new Map<string, ModuleFacts>();
    for (let i = 0; i < n; i++)
      settled.set(`/app/m${i}.ts`, facts(`/app/m${i}.ts`, {}, [{ source: `./m${i + 1}` }]));
    settled.set(`/app/m${n}.ts`, facts(`/app/m${n}.ts`, { go: fact(5) }));
    return new ExportLookup({
      deferred: new Map(),
      factsOf: (file) => settled.get(file),
      resolve: (_from, source) => `/app/${source.slice(2)}.ts`,
    });
  }

  it('follows a barrel chain as long as real code builds one', () => {
    expect(chain(40).fact('/app/m0.ts', 'go')?.httpTimeoutArg).toBe(5);
  });

  it('gives up on a chain thousands of modules long instead of overflowing the stack', () => {
    // Prepare: 50,000 hops overflowed the stack (RangeError) and ended the whole scan before the bound.
    const lookup = chain(50_000);

    // Act + Assess
    expect(() => lookup.fact('/app/m0.ts', 'go')).not.toThrow();
    expect(lookup.fact('/app/m0.ts', 'go')).toBeUndefined();
  });
});
