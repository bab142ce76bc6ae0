import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { keptImportedTests } from './keptImportedTests.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, '/app/services/board.ts');
}

/** The line of each kept call found. */
function linesOf(ctx: ModuleContext, calls: { call: Node }[]): number[] {
  return calls.map(({ call }) => ctx.source.slice(0, call.start).split('\n').length);
}

describe('keptImportedTests', () => {
  it("finds a project object's call kept and only tested, spread or returned under its test", () => {
    // Prepare
    const ctx = contextOf(`import { cache } from '../utils/cache';
      export async function a(k) { const hit = cache.get(k); if (hit) { return hit; } return load(k); }
      export async function b(k, range) { const hit = cache.get(k); if (hit && !range) return hit; return load(k); }
      export async function c(k) { const hit = cache.get(k); if (hit) return { ...hit, fresh: false }; return load(k); }
      export async function d(k) { const hit = cache.get(k); return hit; }
      export async function e(k) { const hit = cache.get(k); if ((await hit) !== null) return 1; }
      export async function f(k) { const hit = cache.get(k); if (ready) return hit; }
    `);

    // Act
    const found = keptImportedTests(ctx);

    // Assert
    expect(linesOf(ctx, found)).toEqual([2, 3, 4]);
    // Returned under its test: the promise goes back to the caller, so it is the test that is wrong.
    expect(found.map((k) => k.returned)).toEqual([true, true, false]);
    expect(found[0]?.imported).toEqual({
      from: '/app/services/board.ts',
      source: '../utils/cache',
      name: 'cache',
      method: 'get',
    });
  });

  it('leaves a package object alone, a subpath of one too', () => {
    // Prepare
    const ctx = contextOf(`import { redis } from 'ioredis-client';
      import { store } from 'cache-kit/store';
      export async function a(k) { const hit = redis.get(k); if (hit) return hit; }
      export async function b(k) { const hit = store.get(k); if (hit) return hit; }
    `);

    // Act / Assert
    expect(keptImportedTests(ctx)).toEqual([]);
  });

  it('leaves a kept call alone when it is handed on, spread into no object, or not what a test reads', () => {
    // Prepare
    const ctx = contextOf(`import { cache } from '../utils/cache';
      export async function a(k, fb) { const hit = cache.get(k); const v = hit || fb; return v; }
      export async function b(k) { const hit = cache.get(k); if (!hit) log(k); return [...hit]; }
      export async function c(k) { const hit = cache.get(k); if (!hit) log(k); return f(...hit); }
      export async function d(k, flags) { const hit = cache.get(k); if (!hit) log(k); if (flags.hit) return hit; }
      export async function e(k) { const hit = cache.get(k); if (!hit) log(k); if ('hit' === k /* hit */) return hit; }
      export async function g(k, xs) { const hit = cache.get(k); if (!hit) log(k); if (xs.some((hit) => hit)) return hit; }
    `);

    // Act / Assert
    expect(keptImportedTests(ctx)).toEqual([]);
  });
});
