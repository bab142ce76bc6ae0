import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { asyncPredicates } from './asyncPredicate.js';

const lines = (source: string) =>
  asyncPredicates(contextOf(source)).map(({ call, message }) => ({
    method: message.split('(')[0],
    at: source.slice(call.start, call.end).split('(')[0],
  }));

describe('asyncPredicates', () => {
  it('finds an inline async callback handed to every, some, filter and find', () => {
    const found = lines(`
      const a = users.every(async (u) => await ok(u));
      const b = users?.some(async function (u) { return ok(u); });
      const c = users.filter(async (u) => ok(u));
      const d = users.find(async (u) => ok(u));`);
    expect(found.map((f) => f.method)).toEqual(['every', 'some', 'filter', 'find']);
  });

  it('follows a local async function handed by name', () => {
    expect(lines('const blocked = async (u) => ok(u);\nconst any = users.some(blocked);')).toHaveLength(1);
  });

  it('leaves plain callbacks, other methods and promise-library statics (iterable first) alone', () => {
    expect(
      lines(`
        const a = users.every((u) => u.ok);
        const b = await Promise.all(users.map(async (u) => ok(u)));
        const c = await Promise.filter(users, async (u) => ok(u));
        users.forEach(async (u) => ok(u));`),
    ).toEqual([]);
  });

  it('does not judge a module that loads Node streams, whose filter/some helpers await the callback', () => {
    expect(
      lines(
        "import { Readable } from 'node:stream';\nconst a = await Readable.from(skus).filter(async (s) => ok(s)).toArray();",
      ),
    ).toEqual([]);
    expect(
      lines(
        "const { Readable } = require('stream');\nconst b = await Readable.from(xs).some(async (x) => ok(x));",
      ),
    ).toEqual([]);
  });

  it('does not judge a module that loads Bluebird, whose collection methods await the callback', () => {
    expect(
      lines("const P = require('bluebird');\nconst a = await P.resolve(xs).filter(async (x) => ok(x));"),
    ).toEqual([]);
  });
});
