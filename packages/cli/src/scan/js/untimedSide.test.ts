// Which side of a run-time options choice judges an SDK v2 client's timeout (untimedSide.ts), and that the
// choice stays merged for every other reader (the retry rules), plus libraryImport's interop forms.
import { describe, expect, it } from 'vitest';
import { memberPath, type Node } from './ast.js';
import { libraryImport } from './httpInstances.js';
import { optionsShape } from './sdkOptions.js';
import { contextOf } from './testing/parsed.js';

/** The options shape of the one `new` in `source`. */
function shapeOf(options: string) {
  const ctx = contextOf(`const test = 1; new C(${options});`);
  const made = ctx.of('NewExpression')[0] as Node;
  return optionsShape(ctx, (made.arguments as Node[])[0]);
}

describe('untimedSide', () => {
  it.each([
    [
      'a local side with endpoint and timeout',
      "test ? { endpoint: 'x', httpOptions: { timeout: 1 } } : {}",
      [],
    ],
    [
      'the deployed side first',
      "test ? { region: 'r' } : { endpoint: 'x', httpOptions: { timeout: 1 } }",
      ['region'],
    ],
    ['a local side with a request handler', "test ? { endpoint: 'x', requestHandler: h } : {}", []],
  ])('picks the deployed side when %s', (_, options, keys) => {
    const shape = shapeOf(options);
    expect([...(shape.untimedSide?.shape.props.keys() ?? ['none'])]).toEqual(keys);
    expect(shape.props.has('endpoint')).toBe(true); // the merged shape is kept for the other readers
  });
  it.each([
    ['the timed side names no endpoint', 'test ? {} : { httpOptions: { timeout: 1 } }'],
    [
      'an offline side of credentials',
      "test ? { region: 'l', accessKeyId: 'x' } : { httpOptions: { timeout: 1 } }",
    ],
    ['both sides only retry', 'test ? { httpOptions: { timeout: 1 }, maxRetries: 5 } : { maxRetries: 0 }'],
    ['the local httpOptions set no timeout', "test ? { endpoint: 'x', httpOptions: { agent } } : {}"],
    [
      'the open side also has httpOptions',
      "test ? { endpoint: 'x', httpOptions: { timeout: 1 } } : { httpOptions: {} }",
    ],
    ['the other side is out of sight', "test ? { endpoint: 'x', httpOptions: { timeout: 1 } } : opts"],
    ['a logical choice', "opts || { endpoint: 'x', httpOptions: { timeout: 1 } }"],
  ])('merges the sides when %s', (_, options) => {
    expect(shapeOf(options).untimedSide).toBeUndefined();
  });
  it('keeps the retry keys of every side', () => {
    const shape = shapeOf("test ? { endpoint: 'x', httpOptions: { timeout: 1 } } : { maxRetries: 50 }");
    expect(shape.props.has('maxRetries')).toBe(true);
  });
});

describe('libraryImport', () => {
  it.each([
    ['a default import', "import axios from 'axios'; axios.create();", 'axios'],
    [
      'a namespace import through default',
      "import * as axios from 'axios'; axios.default.create();",
      'axios',
    ],
    ['a require through default', "const axios = require('axios'); axios.default.create();", 'axios'],
    ['a named import through default', "import { create } from 'axios'; create.default.create();", undefined],
  ])('reads %s', (_, source, expected) => {
    const ctx = contextOf(source);
    const call = ctx.of('CallExpression').find((c) => memberPath(c.callee)?.at(-1) === 'create') as Node;
    expect(libraryImport(ctx, (call.callee as Node).object as Node)?.source).toBe(expected);
  });
});
