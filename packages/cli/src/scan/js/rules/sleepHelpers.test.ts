import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { ownSleepCall } from './sleepHelpers.js';

/** The call of `name` in `source`, with the module's context. */
function callIn(source: string, name: string): { ctx: ModuleContext; call: Node } {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === name) as Node;
  return { ctx, call };
}

describe('ownSleepCall', () => {
  it("is true of the module's own promise around setTimeout, whatever its name", () => {
    const arrow = callIn(
      'const waitFor = (ms) => new Promise((res) => setTimeout(res, ms));\nawait waitFor(500);',
      'waitFor',
    );
    expect(ownSleepCall(arrow.ctx, arrow.call)).toBe(true);
    const declared = callIn(
      'function holdOn(s) { return new Promise((resolve) => { setTimeout(() => resolve(), s * 1000); }); }\nawait holdOn(2);',
      'holdOn',
    );
    expect(ownSleepCall(declared.ctx, declared.call)).toBe(true);
  });

  it('is false of a helper that does more than wait, and of an imported one', () => {
    const polls = callIn(
      'const waitFor = async (check) => { while (!(await check())) await new Promise((r) => setTimeout(r, 100)); };\nawait waitFor(ready);',
      'waitFor',
    );
    expect(ownSleepCall(polls.ctx, polls.call)).toBe(false);
    const logs = callIn(
      'const pauseFor = (ms) => new Promise((r) => { log(ms); setTimeout(r, ms); });\nawait pauseFor(5);',
      'pauseFor',
    );
    expect(ownSleepCall(logs.ctx, logs.call)).toBe(false);
    const imported = callIn("import { waitFor } from './time';\nawait waitFor(500);", 'waitFor');
    expect(ownSleepCall(imported.ctx, imported.call)).toBe(false);
  });
});
