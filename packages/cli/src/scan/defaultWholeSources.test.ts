// Which importers hand a module's default object on whole, and when a module's names are its default's members.
import { describe, expect, it } from 'vitest';
import { defaultMembersOnly, defaultWholeSources } from './defaultWholeSources.js';

describe('defaultWholeSources', () => {
  it.each([
    ["const m = await import('./dynamo.js'); return m.default;", ['./dynamo.js']],
    [
      "const m_1 = await import(\n  '../overrides/tagCache/dynamodb.js'\n);\nreturn m_1.default;",
      ['../overrides/tagCache/dynamodb.js'],
    ],
    ["import cache from './dynamo.js'; registry.set('tags', cache);", ['./dynamo.js']],
    ["import cache, { TTL } from './dynamo.js'; export const tags = cache;", ['./dynamo.js']],
    ["const { default: cache } = await import('./dynamo.js'); install(cache);", ['./dynamo.js']],
    ["globalThis.tagCache = (await import('./dynamo.js')).default;", ['./dynamo.js']],
  ])('hands the default on: %s', (text, sources) => {
    expect(defaultWholeSources(text)).toEqual(sources);
  });

  it.each([
    // Methods read by name are named: the text says which.
    ["import cache from './dynamo.js'; await cache.getByPath(p);"],
    ["const m = await import('./dynamo.js'); await m.default.getByPath(p);"],
    ["const m = await import('./dynamo.js'); return m.handler;"],
    // A default class constructed, or a default function called, is no object handed on.
    ["import Cache from './dynamo.js'; const c = new Cache();"],
    ["import load from './dynamo.js'; await load(p);"],
    // The binding alone, or a comment naming it, is no use.
    ["import cache from './dynamo.js';"],
    ["import cache from './dynamo.js'; // cache is installed elsewhere"],
    ["import type Cache from './dynamo.js'; let c: Cache;"],
  ])('hands nothing on: %s', (text) => {
    expect(defaultWholeSources(text)).toEqual([]);
  });
});

describe('defaultMembersOnly', () => {
  it.each([
    ['const c = { async getByPath() {} }; export default c;', ['getByPath'], true],
    ['export default { async send() {} };', ['send'], true],
    ['export async function getByPath() {} export default { getByPath };', ['getByPath'], false],
    ['function get() {} export { get }; export default {};', ['get'], false],
    ['export const get = () => 1;', ['get'], false],
  ])('%s %j -> %s', (text, names, expected) => {
    expect(defaultMembersOnly(text, names)).toBe(expected);
  });
});
