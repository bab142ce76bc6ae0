// middyNextChains: a middy 1 callback hook whose chain calls next() only when it fulfils.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { middyNextChains } from './middyNextChains.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

/** The lines reported in a module that hangs `hook` on a middy handler with `.onError`. */
function reported(hook: string): number[] {
  const source = [
    "const middy = require('@middy/core');",
    `const hook = ${hook};`,
    'module.exports.handler = middy(async () => ({})).onError(hook);',
  ].join('\n');
  const ctx = contextOf(source);
  const out: number[] = [];
  middyNextChains(ctx, (rule, node) => {
    if (rule === 'floating-promise') out.push(ctx.position(node.start).line);
  });
  return out;
}

describe('middyNextChains', () => {
  it('reports a chain that calls next only in its .then', () => {
    expect(reported('(h, next) => { emit(h.error).then(() => next(h.error)); }')).toEqual([2]);
    expect(reported('(h, next) => { emit(h.error).then(next); }')).toEqual([2]);
  });

  it('leaves a chain that hands its failure on, or is returned, or a hook without next', () => {
    expect(reported('(h, next) => { emit(h.error).then(() => next(h.error)).catch(next); }')).toEqual([]);
    expect(reported('(h, next) => { emit(h.error).then(() => next(h.error), next); }')).toEqual([]);
    expect(reported('(h, next) => { return emit(h.error).then(() => next(h.error)); }')).toEqual([]);
    expect(reported('async (h) => { emit(h.error).then(() => log(h.error)); }')).toEqual([]);
  });

  it('leaves a hook handed to a chain that is not middy', () => {
    const source = [
      "const other = require('other-router');",
      'const hook = (h, next) => { emit(h.error).then(() => next(h.error)); };',
      'module.exports.handler = other(async () => ({})).onError(hook);',
    ].join('\n');
    const ctx = contextOf(source);
    let count = 0;
    middyNextChains(ctx, () => {
      count++;
    });
    expect(count).toBe(0);
  });

  it('leaves an async or generator two-parameter hook: middy 1 waits on its returned promise, not on next', () => {
    expect(reported('async (h, next) => { emit(h.error).then(() => next(h.error)); }')).toEqual([]);
    expect(reported('function* (h, next) { emit(h.error).then(() => next(h.error)); }')).toEqual([]);
  });

  it('takes a .finally as a rejection handler only when it calls next', () => {
    expect(
      reported('(h, next) => { emit(h.error).then(() => next(h.error)).finally(() => log()); }'),
    ).toEqual([2]);
    expect(reported('(h, next) => { emit(h.error).then(() => log()).finally(() => next()); }')).toEqual([]);
  });
});
