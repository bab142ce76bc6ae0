// A failure path that logs and calls its function's callback with no error (`callback(null)`) answers the
// caller with success: a `.catch` of a chain that reaches another system, a catch around I/O, or an
// error-first callback's `if (err)` branch. The error handed on, a failure value, a cleanup, a local read
// and the entry handler's own callback are not.
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';

const tree = tempTrees('bulwark-null-callback-');

/** swallowed-error lines of `lib/logs.js`, whose `collect(config, callback)` holds `body`. */
async function swallowed(body: string): Promise<number[]> {
  const root = tree({
    'lib/logs.js': `const request = require('request');
const fs = require('fs');
const log = { error: (m) => process.stderr.write(String(m)) };
function getToken(config) {
  return new Promise((resolve, reject) => {
    request({ uri: config.TOKEN_URL, method: 'POST', timeout: 3000 }, (error, response, body) => {
      if (error || response.statusCode !== 200) return reject(error || new Error('token refused'));
      resolve(body.token);
    });
  });
}
function collect(config, callback) {
${body}
}
exports.transform = (payload, config) => new Promise((resolve) => collect(config, (data) => resolve(data)));
`,
    'handler.js': `const logs = require('./lib/logs');
exports.handler = (event, context, cb) => {
  logs.transform(event, process.env).then((data) => cb(null, data), cb);
};
`,
  });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'swallowed-error' && f.file === 'lib/logs.js')
    .map((f) => f.line);
}

describe('a failure answered to a callback with no error', () => {
  it.each([
    [
      "a chain's .catch",
      `  getToken(config)
    .then((token) => callback(token))
    .catch((error) => {
      log.error(error);
      return callback(null);
    });`,
      [15],
    ],
    [
      'a catch around I/O',
      `  (async () => {
    try {
      callback(await getToken(config));
    } catch (e) {
      log.error(e);
      callback();
    }
  })();`,
      [16],
    ],
    [
      "an error-first callback's branch",
      `  request.get({ url: config.URL, timeout: 3000 }, (err, response, body) => {
    if (err) {
      log.error(err);
      return callback(null, []);
    }
    callback(response.statusCode === 200 ? body : null);
  });`,
      [14],
    ],
  ])('reports %s', async (_name, body, lines) => {
    // Act
    const found = await swallowed(body);
    // Assess
    expect(found).toEqual(lines);
  });

  it.each([
    [
      'the error handed on',
      `  getToken(config)
    .then((token) => callback(null, token))
    .catch((error) => {
      log.error(error);
      return callback(error);
    });`,
    ],
    [
      'a failure value',
      `  getToken(config)
    .then((token) => callback(null, token))
    .catch((error) => {
      log.error(error);
      return callback(null, { ok: false });
    });`,
    ],
    [
      'a local read',
      `  fs.readFile(config.PATH, (err, text) => {
    if (err) {
      log.error(err);
      return callback(null);
    }
    callback(text);
  });`,
    ],
    [
      'a comment that decides it',
      `  getToken(config)
    .then((token) => callback(token))
    .catch((error) => {
      // Best effort: without a token the batch is sent unsigned.
      log.error(error);
      return callback(null);
    });`,
    ],
  ])('leaves %s', async (_name, body) => {
    // Act
    const found = await swallowed(body);
    // Assess
    expect(found).toEqual([]);
  });
});
