// Which hand-written `new Promise((resolve) => ...)` wrappers cannot reject (settlesOnly).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { settlesOnly } from './onlyResolves.js';

/** settlesOnly for the value of `const target = ...` in `source`. */
function settles(source: string): boolean {
  const ctx = contextOf(source);
  const decl = (ctx.program.body as Node[]).find(
    (s) => s.type === 'VariableDeclaration' && s.declarations[0].id.name === 'target',
  ) as Node;
  return settlesOnly(ctx, decl.declarations[0].init as Node);
}

const PKG = "import { gzip } from 'node:zlib';\nimport { save, archive } from './store';\n";

describe('settlesOnly', () => {
  it.each([
    [
      'a package callback API, concise callback',
      'const target = new Promise((resolve) => { gzip(b, (err) => resolve(err === null)); });',
      true,
    ],
    [
      'a package callback API, block callback',
      'const target = new Promise((resolve) => { gzip(b, (err) => { resolve(err === null); }); });',
      true,
    ],
    [
      'a module sync callback API',
      'function arch(b, done) { setImmediate(() => done(null)); }\nconst target = new Promise((resolve) => { arch(b, (err) => resolve(err === null)); });',
      true,
    ],
    [
      'a module async callee',
      'async function arch(b, done) { await save(b); done(null); }\nconst target = new Promise((resolve) => { arch(b, (err) => resolve(err === null)); });',
      false,
    ],
    [
      'an imported project callee',
      'const target = new Promise((resolve) => { archive(b, (err) => resolve(err === null)); });',
      false,
    ],
    [
      'a concise executor calling an imported project callee',
      'const target = new Promise((resolve) => archive(b, (err) => resolve(err === null)));',
      false,
    ],
    [
      'a try with .then(ok, err)',
      'const target = new Promise((resolve) => { try { save(b).then(() => resolve(true), (e) => resolve(e)); } catch (e) { resolve(e); } });',
      true,
    ],
    [
      'a try with .then(ok).catch(err)',
      'const target = new Promise((resolve) => { try { save(b).then(() => resolve(true)).catch((e) => resolve(e)); } catch (e) { resolve(e); } });',
      true,
    ],
    [
      'a try with .then(ok) only',
      'const target = new Promise((resolve) => { try { save(b).then(() => resolve(true)); } catch (e) { resolve(e); } });',
      false,
    ],
    [
      'a try around a bare call',
      'const target = new Promise((resolve) => { try { save(b); resolve(true); } catch (e) { resolve(e); } });',
      false,
    ],
    [
      'a try around a parse (a synchronous throw, caught)',
      'const target = new Promise((resolve) => { try { resolve(JSON.parse(b) === null); } catch (e) { resolve(e); } });',
      true,
    ],
    [
      'a try around a held parse',
      'const target = new Promise((resolve) => { try { const v = JSON.parse(b); resolve(v === null); } catch (e) { resolve(e); } });',
      true,
    ],
    [
      'a reject',
      'const target = new Promise((resolve, reject) => { gzip(b, (err) => (err ? reject(err) : resolve(true))); });',
      false,
    ],
  ])('%s', (_name, body, expected) => {
    // Act
    const result = settles(PKG + body);

    // Assess
    expect(result).toBe(expected);
  });
});
