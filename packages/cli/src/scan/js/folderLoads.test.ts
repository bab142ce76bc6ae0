// Which calls of a module picked from a folder loaded by computed path reach that folder's exports.
import { describe, expect, it } from 'vitest';
import { folderLoadCalls } from './folderLoads.js';
import { contextOf } from './testing/parsed.js';

/** folderLoadCalls of `source`, as `source:name` pairs. */
function refsOf(source: string): string[] {
  const ctx = contextOf(source, '/app/lib/m.js');
  return folderLoadCalls(ctx).map(({ ref }) => `${ref.source}:${ref.name}`);
}

const LOADER = `const dir = '../providers';
class P {
  constructor() { for (const f of fs.readdirSync(dir)) this[path.parse(f).name] = require(\`\${dir}/\${f}\`); }
  async run(s) { return this[s.provider].processor(s); }
}`;

describe('folderLoadCalls', () => {
  it('names the picked method for every module of a folder held in a const', () => {
    expect(refsOf(LOADER)).toEqual(['../providers/*:processor']);
  });
  it('reads a folder written into the template', () => {
    const src =
      'function load(n) { return require(`./plugins/$' +
      '{n}`); }\nasync function go(m, n) { return m[n].run(); }';
    expect(refsOf(src)).toEqual(['./plugins/*:run']);
  });
  it('knows no folder when the whole path is computed', () => {
    expect(
      refsOf('function load(p) { return require(`$' + '{p}`); }\nfunction go(m, n) { return m[n].run(); }'),
    ).toEqual([]);
  });
  it('knows no folder when two are loaded: a picked module could come from either', () => {
    const src = `${LOADER}\nfunction other(f) { return require(\`./hooks/\${f}\`); }`;
    expect(refsOf(src)).toEqual([]);
  });
  it('leaves a module that loads nothing by computed path', () => {
    expect(refsOf("const m = require('./x');\nfunction go(t, n) { return t[n].run(); }")).toEqual([]);
  });
});
