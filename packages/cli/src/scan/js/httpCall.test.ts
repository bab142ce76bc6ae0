// Which calls are HTTP calls, including the shortcut for modules that import no HTTP library: there only
// `globalThis.fetch`/`window.fetch` (and plain or injected `fetch`) can be one.
import { describe, expect, it } from 'vitest';
import { classifyHttpCall } from './httpCall.js';
import { contextOf } from './testing/parsed.js';

/** The library of every HTTP call in `source`, in source order (calls that are not one are left out). */
function httpCalls(source: string): string[] {
  const ctx = contextOf(source);
  return ctx
    .of('CallExpression')
    .map((call) => classifyHttpCall(ctx, call))
    .filter((c) => c !== undefined)
    .map((c) => `${c.lib} ${c.method ?? '?'}`);
}

describe('classifyHttpCall', () => {
  it.each([
    ['globalThis.fetch without any import', 'await globalThis.fetch(url);', ['fetch GET']],
    ['window.fetch without any import', "await window.fetch(url, { method: 'POST' });", ['fetch POST']],
    ['a plain fetch', 'await fetch(url);', ['fetch GET']],
    ['isomorphic-unfetch', "import fetch from 'isomorphic-unfetch';\nawait fetch(url);", ['fetch GET']],
    ['a method call on a local object', 'const api = { get: (u) => u }; api.get(url);', []],
    ['a method call on this', 'class A { run() { return this.client.get(url); } }', []],
    [
      'an axios instance kept on the class',
      "import axios from 'axios';\nclass A { api = axios.create({ timeout: 1 }); run() { return this.api.get(url); } }",
      ['axios GET'],
    ],
    [
      'an axios instance in a const',
      "import axios from 'axios';\nconst api = axios.create({});\napi.post(url, body);",
      ['axios POST'],
    ],
    ['node:https', "import https from 'node:https';\nhttps.get(url);", ['node-http GET']],
    ['superagent', "import request from 'superagent';\nrequest.del(url);", ['superagent DELETE']],
    [
      'request-promise called with options, and its verbs',
      "const rp = require('request-promise');\nrp({ uri, method: 'PUT' });\nrp.get(uri);\nrp.patch({ uri });",
      ['request PUT', 'request GET', 'request PATCH'],
    ],
    [
      'request with a callback',
      "import request from 'request';\nrequest(url, (e, r, b) => b);",
      ['request GET'],
    ],
    [
      'request handed options it cannot read: no method known',
      "import request from 'request';\nexport const call = (opts) => request(opts);",
      ['request ?'],
    ],
    [
      'needle called with its method, and its verbs',
      "import needle from 'needle';\nneedle('post', url, data, opts);\nneedle.get(url, opts);",
      ['needle POST', 'needle GET'],
    ],
    [
      'ofetch and $fetch',
      "import { ofetch, $fetch } from 'ofetch';\nofetch(url);\n$fetch(url, { method: 'DELETE' });",
      ['ofetch GET', 'ofetch DELETE'],
    ],
    ['a local function named request', 'function request(u) { return u; }\nrequest(url);', []],
    [
      'axios itself handed to the constructor and kept on a field',
      "import axios from 'axios';\nclass S { private c: typeof axios; constructor(c: typeof axios) { this.c = c; } run() { return this.c.post(url, body, { headers }); } static live = () => new S(axios); }",
      ['axios POST'],
    ],
    [
      'a constructor parameter property handed axios',
      "import axios from 'axios';\nclass S { constructor(private http: typeof axios) {} run() { return this.http.get(url); } }\nexport const s = new S(axios);",
      ['axios GET'],
    ],
    [
      'a field handed axios by one construction and an unknown value by another',
      "import axios from 'axios';\nclass S { constructor(private http: any) {} run() { return this.http.get(url); } }\nnew S(axios);\nexport const make = (h) => new S(h);",
      [],
    ],
  ])('%s', (_name, source, expected) => {
    // Assess
    expect(httpCalls(source)).toEqual(expected);
  });
});

describe('a field handed the library itself', () => {
  it('is a call of the library, with no instance of its own to judge', () => {
    // Prepare
    const ctx = contextOf(
      "import axios from 'axios';\nclass S { constructor(private http: typeof axios) {} run() { return this.http.get(url); } }\nexport const s = new S(axios);",
    );

    // Act
    const calls = ctx.of('CallExpression').map((call) => classifyHttpCall(ctx, call));

    // Assess
    const request = calls.find((c) => c !== undefined);
    expect(request).toMatchObject({ lib: 'axios', method: 'GET', receiver: 'this.http' });
    expect(request?.instance).toBeUndefined();
  });
});
