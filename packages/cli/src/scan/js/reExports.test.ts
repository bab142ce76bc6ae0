// reExports: the modules a file passes its names on from (here: a CommonJS index spreading its files).
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { ModuleContext } from './ModuleContext.js';
import { reExports } from './reExports.js';

/** A module context for `source`, parsed as m.js. */
function contextOf(source: string): ModuleContext {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return new ModuleContext('m.js', source, parsed.program as unknown as Node, parsed.comments);
}

describe('reExports of a CommonJS barrel', () => {
  it('passes on every module spread into module.exports', () => {
    const ctx = contextOf("module.exports = { ...require('./a'), ...require('./b'), c: 1 };");
    expect(reExports(ctx)).toEqual([{ source: './a' }, { source: './b' }]);
  });
});
