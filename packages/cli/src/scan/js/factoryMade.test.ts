import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { asyncMethodsOf } from './asyncMethods.js';
import { declaredTypes } from './declaredTypes.js';
import { factoryFacts } from './factoryMade.js';
import type { ModuleContext } from './ModuleContext.js';
import { contextOf as parsedContext } from './testing/parsed.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, '/app/cache.ts');
}

/** The facts of the export `name`, read as exportFacts reads them. */
function factsOf(ctx: ModuleContext, name: string) {
  const value = ctx.exports.get(name) as Node;
  return factoryFacts(ctx, value);
}

describe('factoryFacts', () => {
  it('names the imported factory an exported object comes out of', () => {
    // Prepare
    const ctx = contextOf(`
      import { CacheFactory, createStore } from '../services/cache/factory';
      export const cache = CacheFactory.createFromEnvironment();
      export const store = createStore();
    `);

    // Act
    const cache = factsOf(ctx, 'cache');
    const store = factsOf(ctx, 'store');

    // Assert
    expect(cache).toEqual({
      madeBy: { source: '../services/cache/factory', name: 'CacheFactory', method: 'createFromEnvironment' },
      madeIn: '/app/cache.ts',
    });
    expect(store).toEqual({
      madeBy: { source: '../services/cache/factory', name: 'createStore' },
      madeIn: '/app/cache.ts',
    });
  });

  it("reads a class's statics by declared type or by the one class every return builds", () => {
    // Prepare
    const ctx = contextOf(`
      import { CacheService } from './cache.service';
      import type { Redis } from './redis';
      export class CacheFactory {
        static fromEnv(): CacheService { return CacheFactory.memory(); }
        static memory() { return new CacheService(); }
        static either(flag: boolean) { return flag ? new CacheService() : null; }
        static mixed(flag: boolean) { if (flag) return new CacheService(); return new Local(); }
        static async later(): Promise<CacheService> { return new CacheService(); }
        static redis(): Redis { return connect(); }
      }
      class Local {}
    `);

    // Act
    const facts = factsOf(ctx, 'CacheFactory');

    // Assert
    expect(facts?.staticReturns).toEqual({
      fromEnv: { source: './cache.service', name: 'CacheService' },
      memory: { source: './cache.service', name: 'CacheService' },
      redis: { source: './redis', name: 'Redis' },
    });
  });

  it('resolves a factory of the same module, and takes a declared type over the call, `any` as nothing', () => {
    // Prepare
    const ctx = contextOf(`
      import type { Cache } from './types';
      class Store { async put(k: string) { await save(k); } }
      function makeStore() { return new Store(); }
      export const store = makeStore();
      export const typed: Cache = build();
      export const loose: any = makeStore();
    `);

    // Act
    const store = factsOf(ctx, 'store');
    const typed = factsOf(ctx, 'typed');
    const loose = factsOf(ctx, 'loose');

    // Assert
    expect(store).toEqual({ madeType: { name: 'Store' }, madeIn: '/app/cache.ts' });
    expect(typed).toEqual({ madeType: { source: './types', name: 'Cache' }, madeIn: '/app/cache.ts' });
    expect(loose).toBeUndefined();
  });

  it('leaves a package factory alone', () => {
    // Prepare
    const ctx = contextOf(`
      import Redis from 'ioredis';
      import { createClient } from 'redis';
      export const client = createClient();
      export const other = Redis.createClient();
    `);

    // Act / Assert
    expect(factsOf(ctx, 'client')).toBeUndefined();
    expect(factsOf(ctx, 'other')).toBeUndefined();
  });
});

describe('declaredTypes overloads', () => {
  it('leaves out a method with an overload answering no promise', () => {
    // Prepare
    const ctx = contextOf(`
      export interface KeyStore {
        lookup(key: string): Promise<string | null>;
        fetchAll(): Promise<string[]>;
        fetchAll(done: (items: string[]) => void): void;
      }
      export class Both {
        read(k: string): string;
        read(k: string, cb: () => void): void;
        async read(k: string, cb?: () => void) { await load(k); return k; }
        async write(k: string) { await save(k); }
      }
    `);

    // Act
    const types = declaredTypes(ctx);

    // Assert
    expect(types?.KeyStore?.asyncMethods).toEqual(['lookup']);
    expect(types?.Both?.asyncMethods).toEqual(['write']);
  });

  it('keeps a class whose only async method is overloaded, so no other reading of it is asked', () => {
    // Prepare
    const ctx = contextOf(`
      export class Overloaded {
        put(k: string): void;
        put(k: string, cb?: () => void): Promise<void>;
        async put(k: string, cb?: () => void) { await save(k); }
      }
    `);

    // Act
    const types = declaredTypes(ctx);
    const ofClass = asyncMethodsOf(ctx, ctx.exports.get('Overloaded') as Node);

    // Assert
    expect(types?.Overloaded).toEqual({ members: {}, asyncMethods: [], syncOverloads: ['put'] });
    expect(ofClass).toBeUndefined();
  });
});
