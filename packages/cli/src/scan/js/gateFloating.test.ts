import { describe, expect, it } from 'vitest';
import { floatingShapes } from './gateFloating.js';
import { SourceWords } from './SourceWords.js';

const gate = (source: string) => floatingShapes(SourceWords.of(source));

describe('floatingShapes', () => {
  it('admits an async stream listener and the async callback shapes', () => {
    expect(gate("s.on('end', async () => { await save(); })")).toBe(true);
    expect(gate('p.addListener("close", async () => flush())')).toBe(true);
    expect(gate('items.forEach(async (i) => put(i))')).toBe(true);
  });

  it('passes over listeners of other events, synchronous listeners and modules with no async', () => {
    expect(gate("app.on('push', async (e) => handle(e))")).toBe(false);
    expect(gate("s.on('data', (d) => chunks.push(d)); const f = async () => 1;")).toBe(false);
    expect(gate("s.on('end', () => done())")).toBe(false);
  });
});
