// What methodSettles finds a class method's promise settles with: remote work of this module's classes,
// awaited or handed back (a .then on it included), or the project imports it hands back.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { methodOf } from '../memberClass.js';
import { methodSettles } from './authMethodSettles.js';

const HEAD = [
  "import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';",
  "import Repo from './repo';",
  'const sm = new SecretsManagerClient({});',
  'class Store { async read(n) { return (await sm.send(new GetSecretValueCommand({ SecretId: n }))).SecretString; } }',
  'class Plain { async read(n) { return n; } }',
].join('\n');

/** What `Subject`'s method `m` settles with, the class declared in `body`. */
function settles(body: string): { remote: boolean; refs: string[] } {
  const text = `${HEAD}\nexport class Subject {\n${body}\n}`;
  const parsed = parseSync('m.ts', text, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', text, parsed.program as unknown as Node, parsed.comments);
  const cls = (parsed.program.body as unknown as Node[]).at(-1)?.declaration as Node;
  const result = methodSettles(ctx, cls, methodOf(cls, 'm') as Node);
  return {
    remote: result.remote !== undefined,
    refs: result.refs.map((r) => `${r.source}:${r.method ?? r.name}`),
  };
}

describe('methodSettles', () => {
  it.each([
    ['a same-module class handed back', "store = new Store();\nasync m() { return this.store.read('p'); }"],
    ['a same-module class awaited', "store = new Store();\nasync m() { return await this.store.read('p'); }"],
    [
      'a .then on the handed-back call',
      "store = new Store();\nasync m(p) { return this.store.read('k').then((k) => k[p]); }",
    ],
    [
      'through an own method',
      "store = new Store();\nasync m() { return this.inner(); }\nasync inner() { return this.store.read('p'); }",
    ],
  ])('remote: %s', (_, body) => {
    expect(settles(body).remote).toBe(true);
  });

  it.each([
    [
      'a same-module class that does no remote work',
      "plain = new Plain();\nasync m() { return this.plain.read('p'); }",
    ],
    [
      'a .catch on the handed-back call',
      "store = new Store();\nasync m() { return this.store.read('p').catch(() => null); }",
    ],
  ])('no remote: %s', (_, body) => {
    expect(settles(body)).toEqual({ remote: false, refs: [] });
  });

  it('an imported class handed back is a ref for the project pass', () => {
    expect(settles("repo = new Repo();\nasync m() { return this.repo.find('p'); }").refs).toEqual([
      './repo:find',
    ]);
  });

  it('follows own methods at most four deep', () => {
    const chain = [1, 2, 3, 4, 5].map((i) => `async m${i}() { return this.m${i + 1}(); }`).join('\n');
    const deep = `store = new Store();\nasync m() { return this.m1(); }\n${chain}\nasync m6() { return this.store.read('p'); }`;
    const shallow =
      "store = new Store();\nasync m() { return this.m1(); }\nasync m1() { return this.m2(); }\nasync m2() { return this.store.read('p'); }";
    expect([settles(deep).remote, settles(shallow).remote]).toEqual([false, true]);
  });
});
