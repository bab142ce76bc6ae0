// filesUnder: which folders the walk enters (and how deep), which entries it yields, and that a caller can
// stop it part-way.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type FileWalk, filesUnder } from './filesUnder.js';

const root = mkdtempSync(join(tmpdir(), 'files-under-'));
for (const file of ['a.ts', 'b.md', 'one/c.ts', 'one/two/d.ts', 'one/two/three/e.ts', 'node_modules/x.ts'])
  mkdirSync(join(root, file, '..'), { recursive: true });
for (const file of ['a.ts', 'b.md', 'one/c.ts', 'one/two/d.ts', 'one/two/three/e.ts', 'node_modules/x.ts'])
  writeFileSync(join(root, file), '');
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ts: FileWalk = { enter: (name) => name !== 'node_modules', take: (e) => e.name.endsWith('.ts') };
const found = (walk: FileWalk, dir = root) => [...filesUnder(dir, walk)].map((f) => relative(root, f)).sort();

describe('filesUnder', () => {
  it('yields the files taken in every folder entered, and none of a folder passed over', () => {
    expect(found(ts)).toEqual(['a.ts', 'one/c.ts', 'one/two/d.ts', 'one/two/three/e.ts']);
  });

  it('tells enter how deep a folder is (1 for a child of the start)', () => {
    const shallow = { ...ts, enter: (name: string, depth: number) => depth <= 2 && name !== 'node_modules' };
    expect(found(shallow)).toEqual(['a.ts', 'one/c.ts', 'one/two/d.ts']);
  });

  it('never yields a folder, even one take would accept', () => {
    expect(found({ enter: () => false, take: () => true })).toEqual(['a.ts', 'b.md']);
  });

  it('yields nothing for a folder that cannot be read', () => {
    expect(found(ts, join(root, 'missing'))).toEqual([]);
  });

  it('lists no folder past the file the caller stops at', () => {
    // Three sibling folders, a file in each: a lazy walk stopped at its first file has entered only the
    // folder that file is in (whichever the listing puts first); an eager one has entered all three.
    const wide = join(root, '..', `${basename(root)}-wide`);
    for (const folder of ['p', 'q', 'r']) {
      mkdirSync(join(wide, folder), { recursive: true });
      writeFileSync(join(wide, folder, 'x.ts'), '');
    }
    const entered: string[] = [];
    const spy: FileWalk = { enter: (name) => entered.push(name) > 0, take: ts.take };
    let first = '';
    for (const f of filesUnder(wide, spy)) {
      first = relative(wide, f);
      break;
    }
    rmSync(wide, { recursive: true, force: true });
    expect(entered).toEqual([first.split('/')[0]]);
  });
});
