// got's stream API read as a request: on the library and a module-made instance, never on other `.stream`s.
import { describe, expect, it } from 'vitest';
import { type Node, unwrap } from './ast.js';
import { gotStreamCall } from './gotStreams.js';
import { contextOf } from './testing/parsed.js';

/** Method and options text of every got stream call in `source`, in source order. */
function streams(source: string): string[] {
  const ctx = contextOf(source);
  return ctx
    .of('CallExpression')
    .map((call) => gotStreamCall(ctx, unwrap(call.callee) as Node, call.arguments as Node[]))
    .filter((s) => s !== undefined)
    .map((s) => `${s.method ?? '?'} ${s.options ? ctx.source.slice(s.options.start, s.options.end) : '-'}`);
}

describe('gotStreamCall', () => {
  it.each([
    [
      'got.stream.get with options',
      "import got from 'got';\ngot.stream.get(p, { ...auth });",
      ['GET { ...auth }'],
    ],
    ['got.stream without options', "import got from 'got';\ngot.stream(u);", ['GET -']],
    ['a stream verb', "import got from 'got';\ngot.stream.post(u, { json });", ['POST { json }']],
    [
      'a method option',
      "import got from 'got';\ngot.stream(u, { method: 'PUT' });",
      ["PUT { method: 'PUT' }"],
    ],
    [
      'an instance made here',
      "import got from 'got';\nconst c = got.extend({ timeout: 1 });\nc.stream(u);",
      ['GET -'],
    ],
    ['a require', "const got = require('got');\ngot.stream.get(u);", ['GET -']],
    ['a local object', 'const archive = { stream: (p) => p };\narchive.stream(p);', []],
    ['got not imported', 'got.stream.get(u);', []],
    ['another library', "import ky from 'ky';\nky.stream(u);", []],
    ['not a stream verb', "import got from 'got';\ngot.stream.pipe(u);", []],
  ])('%s', (_name, source, expected) => {
    expect(streams(source)).toEqual(expected);
  });
});
