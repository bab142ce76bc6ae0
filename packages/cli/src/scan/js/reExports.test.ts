// reExports: the modules a file passes its names on from (here: a CommonJS index spreading its files).
import { describe, expect, it } from 'vitest';
import { commonJsPassedSources } from '../callerText.js';
import type { ModuleContext } from './ModuleContext.js';
import { passedOnAs, reExports } from './reExports.js';
import { contextOf as parsedContext } from './testing/parsed.js';

/** A module context for `source`, parsed as m.js. */
function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

describe('reExports of a CommonJS barrel', () => {
  it('passes on every module spread into module.exports', () => {
    const ctx = contextOf("module.exports = { ...require('./a'), ...require('./b'), c: 1 };");
    expect(reExports(ctx)).toEqual([{ source: './a' }, { source: './b' }]);
  });

  it('passes on a module kept under a key whole, as `export * as key from` does', () => {
    const ctx = contextOf(
      "module.exports = { handler: require('./h'), 'mail': require('./mail'), ...require('./a'), n: 1 };",
    );
    expect(reExports(ctx)).toEqual([
      { source: './h', names: [['handler', '*']], commonJsKey: true },
      { source: './mail', names: [['mail', '*']], commonJsKey: true },
      { source: './a' },
    ]);
  });

  it('reads `exports.key = require(...)` and `module.exports.key = require(...)` one key at a time', () => {
    const ctx = contextOf("exports.send = require('./send');\nmodule.exports.page = require('./page');");
    expect(reExports(ctx)).toEqual([
      { source: './send', names: [['send', '*']], commonJsKey: true },
      { source: './page', names: [['page', '*']], commonJsKey: true },
    ]);
  });

  it('leaves requires that are not exports, computed keys and calls on a required module', () => {
    const ctx = contextOf(
      "const a = { x: require('./x') };\nmodule.exports = { [k]: require('./k'), y: require('./y').build() };\nexports.z = require(name);",
    );
    expect(reExports(ctx)).toEqual([]);
  });
});

describe('reExports and the text reader of a deferred index (callerText.ts commonJsPassedSources)', () => {
  const sources = (text: string) => reExports(contextOf(text)).map((r) => r.source);

  it('leaves an object assigned to anything but module.exports, or under one of its keys', () => {
    const text =
      "module.exports.config = { db: require('./db') };\ncache = { a: require('./a') };\nexports.b = require('./b');";
    expect(sources(text)).toEqual(['./b']);
  });

  it.each([
    "module.exports = { a: require('./a'), 'b': require('./b') };",
    "module.exports = { ...require('./a'), b: require('./b') };",
    "exports.a = require('./a');\nmodule.exports.b = require('./b');",
    "const t = { a: require('./a'), b: require('./b') };\nmodule.exports = t;",
  ])('agree on the common forms: %s', (text) => {
    expect(sources(text)).toEqual(commonJsPassedSources(text));
    expect(sources(text).length).toBeGreaterThan(0);
  });

  // The text reader reads more: only adds importers, so a deferred index never loses a module's importers.
  it.each([
    "module.exports = { utils: { run: require('./a') } };",
    "Object.assign(module.exports, { a: require('./a') });",
    "exports.a = exports.b = require('./a');",
    "module.exports = { a: require('./a')?.x };",
    "// module.exports = { a: require('./a') };\nmodule.exports = {};",
  ])('where they differ, the text reader reads a superset: %s', (text) => {
    const text_ = commonJsPassedSources(text);
    for (const s of sources(text)) expect(text_).toContain(s);
  });
});

describe('passedOnAs', () => {
  it('passes every name on through `export * from`', () => {
    expect(passedOnAs({ source: './a' }, 'save')).toBe('save');
  });

  it('maps a renamed export to its local, and names it does not pass to undefined', () => {
    const re = { source: './a', names: [['save', 'saveOrder'] as [string, string]] };
    expect(passedOnAs(re, 'save')).toBe('saveOrder');
    expect(passedOnAs(re, 'saveOrder')).toBeUndefined();
  });
});
