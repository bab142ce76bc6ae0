// Which lookups answering null are only used, by their callers in the module, to fill optional fields of
// an answered object (onlyFillsOptionalFields), for class methods called as `this.x()`.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyFillsOptionalFields } from './optionalFieldAnswers.js';

const LOOKUP = `async getCarrier(id) {
    try { const r = await db.send(new GetCommand({ Key: { id } })); return r.Item || null; }
    catch (error) { log.error('failed', error); return null; }
  }`;

/** Is the lookup's catch an optional enrichment, with `caller` as the class's other method? */
function enrichment(caller: string, after = 'module.exports = Resolver;'): boolean {
  const source = `class Resolver {\n  ${caller}\n  ${LOOKUP}\n}\n${after}`;
  const ctx = contextOf(source, 'm.js');
  return onlyFillsOptionalFields(ctx, ctx.of('CatchClause')[0] as Node);
}

describe('onlyFillsOptionalFields of an exported class', () => {
  it.each([
    [
      'answered fields with empty fallbacks',
      'async resolve(d) { const c = await this.getCarrier(d.id); return { name: c?.name || null }; }',
    ],
    [
      'fields written into the event it was handed, and a log line',
      "async resolve(event) { const c = await this.getCarrier(event.id); event.context = { ...event.context, name: c?.name || null, url: c?.logo ? mediaUrl(c.logo) : null }; log.info('done', { name: c?.name }); }",
    ],
    [
      'a call made only when an id is there',
      'async resolve(d) { const c = d.id ? await this.getCarrier(d.id) : null; return { name: c?.name ?? null }; }',
    ],
  ])('only fills optional fields: %s', (_name, caller) => {
    expect(enrichment(caller)).toBe(true);
  });

  it.each([
    [
      'a branch on the answer',
      'async resolve(d) { const c = await this.getCarrier(d.id); let t = 1; if (c?.fee) t += c.fee; return { t }; }',
    ],
    ['the answer handed on', 'async resolve(d) { const c = await this.getCarrier(d.id); return send(c); }'],
    [
      'a field with a stand-in',
      "async resolve(d) { const c = await this.getCarrier(d.id); return { name: c?.name || 'Unknown' }; }",
    ],
    [
      'fields written into a module object, not the argument',
      'async resolve(d) { const c = await this.getCarrier(d.id); cache.context = { name: c?.name || null }; }',
    ],
    [
      'fields written into the argument, which is then stored',
      "async resolve(order) { const c = await this.getCarrier(order.id); order.carrier = { name: c?.name || null }; await db.send(new PutCommand({ TableName: 'orders', Item: order })); }",
    ],
    [
      'fields written into the argument, which is then handed on',
      'async resolve(order) { const c = await this.getCarrier(order.id); order.carrier = { name: c?.name || null }; await save(order); }',
    ],
    [
      'only a log line',
      "async resolve(d) { const c = await this.getCarrier(d.id); log.info('done', { name: c?.name }); }",
    ],
  ])('does not: %s', (_name, caller) => {
    expect(enrichment(caller)).toBe(false);
  });

  it('does not when an instance is handed out', () => {
    const caller =
      'async resolve(d) { const c = await this.getCarrier(d.id); return { name: c?.name || null }; }';
    expect(enrichment(caller, 'module.exports = new Resolver();')).toBe(false);
  });
});
