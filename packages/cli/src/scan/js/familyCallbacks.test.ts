// The request family's callback form answers a stream, not a promise: floating-promise leaves a helper that
// hands the outcome on through that callback alone, and still reports one fired and forgotten.
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';
import { tempTrees } from '../testing/tempTrees.js';
import { classifyHttpCall } from './httpCall.js';
import { contextOf } from './testing/parsed.js';

const tree = tempTrees('bulwark-family-callbacks-');

/** Whether the first request of `source` is read as given a callback. */
function callbackOf(source: string): boolean | undefined {
  const ctx = contextOf(source, 'm.js');
  const call = ctx.of('CallExpression').find((c) => classifyHttpCall(ctx, c) !== undefined);
  return call === undefined ? undefined : classifyHttpCall(ctx, call)?.callback === true;
}

describe('the callback form of the request family', () => {
  it.each([
    [
      'request with an inline callback',
      "const request = require('request');\nrequest(o, function (e, r, b) {});",
      true,
    ],
    ['a verb with an arrow', "const request = require('request');\nrequest.post(u, (e, r) => {});", true],
    ['requestretry', "const request = require('requestretry');\nrequest(o, (e, r) => {});", true],
    ['needle', "const needle = require('needle');\nneedle.post(u, d, o, (e, r) => {});", true],
    [
      "the caller's callback handed straight on",
      "const request = require('request');\nfunction f(o, callback) { request(o, callback); }",
      true,
    ],
    [
      'a function of the module',
      "const request = require('request');\nfunction done(e, r) {}\nrequest(o, done);",
      true,
    ],
    ['no callback', "const request = require('request');\nrequest(o);", false],
    ['url and options', "const request = require('request');\nrequest(u, options);", false],
    ['request-promise answers a promise', "const rp = require('request-promise');\nrp(o, (e) => {});", false],
    [
      'a name that is no callback',
      "const request = require('request');\nfunction f(u, settings) { request(u, settings); }",
      false,
    ],
  ])('%s', (_name, source, expected) => {
    expect(callbackOf(source)).toBe(expected);
  });
});

/**
 * floating-promise lines of `helper.js`, reached from an async handler. (A callback-style handler waits for
 * the event loop to drain, so nothing its helpers start is dropped: see callbackEraConsumers.test.ts.)
 */
async function floating(helper: string): Promise<number[]> {
  const root = tree({
    'helper.js': helper,
    'index.js': `const helper = require('./helper');
module.exports.handler = async (event) => {
  await new Promise((resolve, reject) => helper.send({ url: process.env.URL, timeout: 1000 }, (err) => (err ? reject(err) : resolve('ok'))));
};
`,
  });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'floating-promise' && f.file === 'helper.js')
    .map((f) => f.line);
}

describe('floating-promise on a callback-form request in a helper', () => {
  it('leaves a request whose callback hands the outcome to the caller', async () => {
    // Prepare
    const helper = `const request = require('request');
exports.send = function (options, callback) {
  request(options, function (error, response, body) {
    if (error) return callback(error);
    callback(null, response.statusCode, body);
  });
};
`;
    // Act
    const lines = await floating(helper);
    // Assess
    expect(lines).toEqual([]);
  });

  it.each([
    [
      'a callback that only logs',
      `const request = require('request');
exports.send = function (options) {
  request(options, function (error) {
    if (error) console.error(error);
  });
};
`,
    ],
    [
      'an async function that does not wait for it',
      `const request = require('request');
exports.send = async function (options, callback) {
  request(options, function (error, response) {
    if (error) return callback(error);
    callback(null, response.statusCode);
  });
};
`,
    ],
  ])('still reports %s', async (_name, helper) => {
    // Act
    const lines = await floating(helper);
    // Assess
    expect(lines).toEqual([3]);
  });
});
