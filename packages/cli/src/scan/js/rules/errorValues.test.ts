import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { droppedAwaits } from './errorValues.js';

describe('droppedAwaits', () => {
  it("keeps a same-named call on a field's object apart: it marks the imports, not this module", () => {
    // Prepare: a controller method handing its work to a service method of the same name.
    const ctx = contextOf(
      "import { Service } from './service'; export class C { s = new Service(); async clear() { await this.s.clear(); return { statusCode: 200 }; } }",
    );
    // Assess
    const drops = droppedAwaits(ctx);
    expect(drops?.names).toEqual([]);
    expect(drops?.delegated).toEqual(['clear']);
    expect(drops?.sources).toEqual(['./service']);
  });

  it('still marks this module for a call of its own method, or a differently named one', () => {
    const ctx = contextOf(
      "import { S } from './s'; export class C { s = new S(); async run() { await this.clear(); await this.s.flush(); } async clear() {} }",
    );
    const drops = droppedAwaits(ctx);
    expect(drops?.names).toEqual(['clear', 'flush']);
    expect(drops?.delegated).toBeUndefined();
  });
});
