import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { activeRecordWrite } from './activeRecordWrites.js';

/** The write calls written as statements that activeRecordWrite takes for an ORM entity's promise. */
function writes(body: string): string[] {
  const source = `import { Vulnerability, SavedSearch } from '../models';\nimport { createHash } from 'crypto';\nexport const handler = async (id) => {\n${body}\n};`;
  const ctx = contextOf(source);
  return ctx
    .of('ExpressionStatement')
    .map((s) => s.expression as Node)
    .filter((e) => e.type === 'CallExpression' && activeRecordWrite(ctx, e))
    .map((e) => source.slice(e.start, e.end));
}

describe('activeRecordWrite', () => {
  it('finds a write on a row a model class found (awaited) or created', () => {
    expect(
      writes(`
        const vuln = await Vulnerability.findOne({ id });
        vuln.notes = 'x';
        vuln.save();
        const made = Vulnerability.create({ id });
        made.save();
        const other = await Vulnerability.findByPk(id);
        other.destroy();`),
    ).toEqual(['vuln.save()', 'made.save()', 'other.destroy()']);
  });

  it('follows a for-of over a list a finder loaded', () => {
    expect(
      writes(`
        const searches = await SavedSearch.find();
        for (const search of searches) search.save();
        for (const v of await Vulnerability.findBy({ id })) { v.remove(); }`),
    ).toEqual(['search.save()', 'v.remove()']);
  });

  it('leaves other receivers alone: a hash, an un-awaited finder, a local class, a single row iterated', () => {
    expect(
      writes(`
        const hash = createHash('sha256');
        hash.update(id);
        const pending = Vulnerability.findOne({ id });
        pending.save();
        class Local { static findOne() { return new Local(); } save() {} }
        const local = await Local.findOne();
        local.save();
        const one = await Vulnerability.findOne({ id });
        for (const part of one) part.save();
        const row = await repo.findOne({ id });
        row.save();`),
    ).toEqual([]);
  });
});
