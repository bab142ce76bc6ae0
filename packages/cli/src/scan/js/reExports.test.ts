// reExports: the modules a file passes its names on from (here: a CommonJS index spreading its files).
import { describe, expect, it } from 'vitest';
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
      "module.exports = { handler: require('./h'), 'assess': require('./assess'), ...require('./a'), n: 1 };",
    );
    expect(reExports(ctx)).toEqual([
      { source: './h', names: [['handler', '*']] },
      { source: './assess', names: [['assess', '*']] },
      { source: './a' },
    ]);
  });

  it('reads `exports.key = require(...)` and `module.exports.key = require(...)` one key at a time', () => {
    const ctx = contextOf("exports.send = require('./send');\nmodule.exports.page = require('./page');");
    expect(reExports(ctx)).toEqual([
      { source: './send', names: [['send', '*']] },
      { source: './page', names: [['page', '*']] },
    ]);
  });

  it('leaves requires that are not exports, computed keys and calls on a required module', () => {
    const ctx = contextOf(
      "const a = { x: require('./x') };\nmodule.exports = { [k]: require('./k'), y: require('./y').build() };\nexports.z = require(name);",
    );
    expect(reExports(ctx)).toEqual([]);
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
