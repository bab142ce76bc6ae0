import { describe, expect, it } from 'vitest';
import { bareProjectCall, floatingShapes } from './gateFloating.js';
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

  it('admits a NestJS controller answering with an object literal, not one answering otherwise', () => {
    expect(gate("@Controller('skills')\nclass C { @Get() f(id) { return { p: this.s.get(id) }; } }")).toBe(
      true,
    );
    expect(gate("@Controller('skills')\nclass C { @Get() f(id) { return this.s.get(id); } }")).toBe(false);
    expect(gate('class C { f(id) { return { p: this.s.get(id) }; } }')).toBe(false);
  });
});

describe('bareProjectCall', () => {
  it('admits a statement calling a function imported from a project module', () => {
    expect(bareProjectCall("import { logMetric } from './cloudwatch';\n  logMetric('Usage', 1);")).toBe(true);
    expect(bareProjectCall("import send, { a as track } from '../m';\nfunction f() {\n  track(1);\n}")).toBe(
      true,
    );
    expect(bareProjectCall("const { notify } = require('./notify');\n\tnotify(x);")).toBe(true);
  });

  it('passes over package imports, awaited or assigned calls, and names not imported', () => {
    expect(bareProjectCall("import { logMetric } from 'metrics';\nlogMetric(1);")).toBe(false);
    expect(
      bareProjectCall("import { logMetric } from './m';\nawait logMetric(1);\nconst r = logMetric(2);"),
    ).toBe(false);
    expect(bareProjectCall("import { logMetric } from './m';\nother(1);")).toBe(false);
  });
});
