// Which exports hand on an HTTP library's own request function (httpClientExport): the library itself or
// an untimed request copy, not a wrapper, a timed copy or anything else.
import { describe, expect, it } from 'vitest';
import { httpClientExport, reExportedClients } from './httpClientExports.js';
import { contextOf } from './testing/parsed.js';

/** httpClientExport for the export `client` of `source`. */
function exported(source: string): string | undefined {
  const ctx = contextOf(source);
  const value = ctx.exports.get('client');
  return value === undefined ? undefined : httpClientExport(ctx, value)?.source;
}

describe('httpClientExport', () => {
  it.each([
    [
      'promisified request',
      "const { promisify } = require('util');\nconst client = promisify(require('request'));\nmodule.exports = { client };",
      'request',
    ],
    ['node-fetch required in place', "module.exports.client = require('node-fetch');", 'node-fetch'],
    ['an imported library handed on', "import client from 'node-fetch';\nexport { client };", 'node-fetch'],
    [
      'a request copy with defaults naming no timeout',
      "const client = require('request').defaults({ json: true });\nmodule.exports = { client };",
      'request',
    ],
    [
      'a request copy with a timeout bounds every call',
      "const client = require('request').defaults({ json: true, timeout: 5000 });\nmodule.exports = { client };",
      undefined,
    ],
    [
      'a promisified copy with a timeout',
      "const util = require('util');\nconst client = util.promisify(require('request').defaults({ timeout: 5000 }));\nmodule.exports = { client };",
      undefined,
    ],
    [
      'a wrapper is judged where it calls, not here',
      "import fetch from 'node-fetch';\nexport const client = (url) => fetch(url);",
      undefined,
    ],
    ['ky bounds its requests by default', "import client from 'ky';\nexport { client };", undefined],
    ['another package', "const client = require('lodash');\nmodule.exports = { client };", undefined],
  ])('%s', (_, source, expected) => {
    // Act
    const source_ = exported(source);

    // Assess
    expect(source_).toBe(expected);
  });
});

describe('reExportedClients', () => {
  it.each([
    ["export { default as fetch } from 'node-fetch';", 'fetch:node-fetch'],
    ["export { default } from 'axios';", 'default:axios'],
    ["export { fetch as httpFetch } from 'cross-fetch';", 'httpFetch:cross-fetch'],
    // Not the library's own function: a type, another name of the package, a package not handed on.
    ["export type { default as Fetch } from 'node-fetch';", ''],
    ["export { Headers } from 'node-fetch';", ''],
    ["export { default as ky } from 'ky';", ''],
    ["export { default as fetchWithRetry } from './fetchWithRetry';", ''],
  ])('%s', (source, expected) => {
    const found = [...reExportedClients(contextOf(source))].map(([name, c]) => `${name}:${c.source}`);
    expect(found.join(',')).toBe(expected);
  });
});
