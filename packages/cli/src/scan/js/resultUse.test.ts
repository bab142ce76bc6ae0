// What a caller's first use of an awaited answer fails on (failsOnAnswer): a property read fails on an
// undefined or null answer only, a test whose failing side fails the work fails on `false` too.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { failsOnAnswer, importResultUses } from './resultUse.js';
import { contextOf } from './testing/parsed.js';

/** failsOnAnswer for the one call of `load()` in `body` (inside an async function). */
function failsOn(body: string): string {
  const source = `async function caller(res) {\n${body}\n}`;
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === 'load') as Node;
  return failsOnAnswer(ctx, call) ?? 'goes on';
}

describe('failsOnAnswer', () => {
  it.each([
    ['a property read at once', 'const r = await load(); return r.Items.length;', 'nullish'],
    ['a read with ?.', 'const r = await load(); return r?.Items ?? [];', 'goes on'],
    ['destructuring', 'const { Items } = await load(); return Items;', 'nullish'],
    ['an assignment, then a read', 'let r; r = await load(); return r.Items;', 'nullish'],
    ['if (!x) throw', "const r = await load(); if (!r) throw new Error('none'); return r;", 'falsy'],
    ['if (x === null) throw', "const r = await load(); if (r === null) throw new Error('none');", 'nullish'],
    [
      'a truth test whose else answers 500',
      'const r = await load(); if (r) { res.status(201).json(r) } else { res.status(500).json({}) }',
      'falsy',
    ],
    [
      'a negated test answering { statusCode: 500 }',
      "const r = await load(); if (!r) { return { statusCode: 500, body: 'failed' } } return ok(r);",
      'falsy',
    ],
    [
      'a failed item reported to the batch',
      'const r = await load(); if (r == null) { batchItemFailures.push({ itemIdentifier: id }) }',
      'nullish',
    ],
    [
      'a branch of a ?: kept, then tested and thrown on',
      "const r = pdf ? await load() : await other(); if (!r) throw new Error('none'); return r;",
      'falsy',
    ],
    [
      'the test of a ?:, not its answer',
      "const r = (await load()) ? 'yes' : 'no'; if (!r) throw new Error();",
      'goes on',
    ],
    [
      'a test whose failing side answers a builder named for a server error',
      "const r = await load(); if (!r) return ResponseWrapper.internalServerError('no file'); return ok(r);",
      'falsy',
    ],
    [
      'a test whose failing side only logs through a name like one',
      "const r = await load(); if (!r) logServerError('no file'); return ok(r);",
      'goes on',
    ],
    [
      'a test whose failing side answers a server error through a callback',
      "const r = await load(); if (!r) return callback(null, internalServerError('no file')); return ok(r);",
      'falsy',
    ],
    [
      'a test whose failing side states the callback with a server error, then returns',
      "const r = await load(); if (!r) { callback(null, internalServerError('no file')); return; } return ok(r);",
      'falsy',
    ],
    [
      'a test whose failing side hands a server error built to a report, not to the caller',
      "const r = await load(); if (!r) report(internalServerError('no file')); return ok(r);",
      'goes on',
    ],
    [
      'a test whose failing side hands a server error built to a method of the logger',
      "const r = await load(); if (!r) logger.warn(serverError('no file')); return ok(r);",
      'goes on',
    ],
    [
      'a test whose failing side only keeps a server error built',
      "const r = await load(); if (!r) { const err = toServerError('no file'); } return ok(r);",
      'goes on',
    ],
    [
      'a test whose failing side only logs a server error built',
      "const r = await load(); if (!r) console.error(describeServerError('no file')); return ok(r);",
      'goes on',
    ],
    [
      'a test whose failing side goes on',
      'const r = await load(); if (!r) { return { offer: true } }',
      'goes on',
    ],
    [
      'a test whose failing side only logs',
      "const r = await load(); if (!r) { console.log('none') }",
      'goes on',
    ],
    [
      'a position of Promise.all, read at once',
      'const [a, b] = await Promise.all([load(), other()]); return a.length + b;',
      'nullish',
    ],
    [
      'a position of Promise.all, read with ?.',
      'const [b, a] = await Promise.all([other(), load()]); return a?.length;',
      'goes on',
    ],
    ['a Promise.all answer kept whole', 'const all = await Promise.all([load()]); return all;', 'goes on'],
    [
      'tested where it is made, failing side throws',
      "if (!(await load())) throw new Error('refused');",
      'falsy',
    ],
    [
      'tested where it is made, else answers 500',
      'if (await load()) { return ok() } else { return { statusCode: 500 } }',
      'falsy',
    ],
    [
      'tested where it is made, failing side goes on',
      'if (await load()) return skip(); return proceed();',
      'goes on',
    ],
    [
      'tested inside a larger condition',
      "if (ready && !(await load())) throw new Error('refused');",
      'goes on',
    ],
    [
      'tested where it is made, the failing side throws only under a condition of its own',
      'if (!(await load())) { if (bad) throw new Error(); return proceed(); }',
      'goes on',
    ],
    [
      'an async answer tested without await: a Promise is always truthy',
      "async function load() { return true; }\nif (!load()) throw new Error('x')",
      'goes on',
    ],
    [
      'an imported answer tested without await: not known to be sync',
      "if (!load()) throw new Error('x')",
      'goes on',
    ],
    [
      'a local sync answer tested without await',
      "function load() { return true; }\nif (!load()) throw new Error('x')",
      'falsy',
    ],
    [
      "a project's bare log() line, then a read",
      "const r = await load();\n  log('loaded ' + JSON.stringify(r));\n  return r.data.fields;",
      'nullish',
    ],
    [
      'a call that is no log line, then a read',
      "const r = await load();\n  save('loaded ' + JSON.stringify(r));\n  return r.data.fields;",
      'goes on',
    ],
  ])('%s', (_, body, expected) => {
    expect(failsOn(body)).toBe(expected);
  });
});

describe('importResultUses', () => {
  it('reads the callers of a bare-path (alias or baseUrl) import', () => {
    // Prepare
    const ctx = contextOf(
      "import { getObject } from 'src/core/sui/sui';\nexport async function f(id) { const o = await getObject(id); return o.data.content; }",
      '/app/src/core/sui/loader.ts',
    );

    // Act
    const uses = importResultUses(ctx).map((u) => `${u.ref.source}#${u.ref.name} ${u.reads}`);

    // Assess
    expect(uses).toEqual(['src/core/sui/sui#getObject true']);
  });
});
