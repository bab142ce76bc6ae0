// Which library iterator calls drop an async callback's promises (libraryEachOfAsync): the import forms of
// lodash/underscore each and forEach, and the callbacks that do not count.
import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { libraryEachOfAsync } from './libraryEach.js';

/** libraryEachOfAsync for the last call in `source` whose callee name is each/forEach. */
function judged(source: string): boolean {
  const ctx = contextOf(source, '/app/m.js');
  const calls = ctx.of('CallExpression').filter((c) => /^(each|forEach)$/.test(calleeName(c) ?? ''));
  return libraryEachOfAsync(ctx, calls[calls.length - 1] as Node);
}

const save = 'const save = async (x) => { await put(x); };\n';

describe('libraryEachOfAsync', () => {
  it.each([
    ["lodash's _.each", `const _ = require('lodash');\n${save}_.each(items, save);`, true],
    ["underscore's _.forEach", `import _ from 'underscore';\n${save}_.forEach(items, save);`, true],
    ['a named import', `import { forEach } from 'lodash-es';\n${save}forEach(items, save);`, true],
    ['a per-method package', `const each = require('lodash/each');\n${save}each(items, save);`, true],
    [
      'an inline async callback',
      "const _ = require('lodash');\n_.each(items, async (x) => { await put(x); });",
      true,
    ],
    [
      'an async callback that only logs',
      "const _ = require('lodash');\n_.each(items, async (x) => { console.log(x); });",
      false,
    ],
    ['a plain callback', "const _ = require('lodash');\n_.each(items, (x) => { x.seen = true; });", false],
    ['a local each', `const _ = { each: (a, f) => a.forEach(f) };\n${save}_.each(items, save);`, false],
    ['another library', `const async = require('async');\n${save}async.each(items, save);`, false],
  ])('%s', (_name, source, expected) => {
    expect(judged(source)).toBe(expected);
  });
});
