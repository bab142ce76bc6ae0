// An error-first callback's error branch that only logs is the callback era's catch that only logs: it falls
// through to the success path, answers nothing beside a success side, or is all the callback does. Judged on
// calls that reach another system; a branch that hands the error on, a local API, a cleanup and a metric
// are not.
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';

const tree = tempTrees('bulwark-error-first-');

const EVENTS = `const request = require('request');
exports.send = function (event, callback) {
  request({ url: process.env.EVENTS_URL, method: 'POST', json: event, timeout: 3000 }, function (error, response, body) {
    if (error) return callback(error);
    if (response.statusCode !== 200) return callback(new Error('events answered ' + response.statusCode));
    callback(null, body);
  });
};
`;

/** swallowed-error lines of `handler.js`, whose body is `handler` after the clients it may use. */
async function swallowed(handler: string): Promise<number[]> {
  const root = tree({
    'lib/events.js': EVENTS,
    'handler.js': `const AWS = require('aws-sdk');
const zlib = require('zlib');
const events = require('./lib/events');
const cognito = new AWS.CognitoIdentityServiceProvider({ httpOptions: { connectTimeout: 1000, timeout: 3000 } });
const log = { error: (m) => process.stderr.write(String(m)) };
${handler}`,
  });
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'swallowed-error' && f.file === 'handler.js')
    .map((f) => f.line);
}

describe('error-first callbacks whose error branch only logs', () => {
  it.each([
    [
      'beside a success side that calls back: the handler is never called back on a failure',
      `exports.handler = (event, context, cb) => {
  cognito.getUser({ AccessToken: event.token }, function (err, data) {
    if (err) log.error(err);
    else cb(null, { user: data.Username });
  });
};`,
      [8],
    ],
    [
      "a project helper's callback that only logs",
      `exports.handler = (event, context, cb) => {
  events.send({ id: event.id }, function (err, data) {
    if (err) { log.error(err); } else { log.error(data); }
  });
  cb(null, 'ok');
};`,
      [8],
    ],
    [
      'a branch that returns with nothing',
      `exports.handler = (event, context, cb) => {
  events.send({ id: event.id }, (err, data) => {
    if (err) { log.error(err); return; }
    cb(null, data);
  });
};`,
      [8],
    ],
  ])('reports %s', async (_name, handler, lines) => {
    // Act
    const found = await swallowed(handler);
    // Assess
    expect(found).toEqual(lines);
  });

  it.each([
    [
      'a branch that hands the error on',
      `exports.handler = (event, context, cb) => {
  cognito.getUser({ AccessToken: event.token }, function (err, data) {
    if (err) { log.error(err); return cb(err); }
    cb(null, { user: data.Username });
  });
};`,
    ],
    [
      'a local API',
      `exports.handler = (event, context, cb) => {
  zlib.gunzip(Buffer.from(event.data, 'base64'), function (err, buffer) {
    if (err) log.error(err);
    else cb(null, buffer.toString());
  });
};`,
    ],
    [
      'a cleanup',
      `exports.handler = (event, context, cb) => {
  cognito.deleteUser({ AccessToken: event.token }, function (err, data) {
    if (err) log.error(err);
    else log.error(data);
  });
  cb(null, 'ok');
};`,
    ],
    [
      'a call a comment calls best effort',
      `exports.handler = (event, context, cb) => {
  // Best effort: the audit trail is rebuilt nightly from the access logs.
  events.send({ id: event.id }, function (err, data) {
    if (err) log.error(err);
  });
  cb(null, 'ok');
};`,
    ],
  ])('leaves %s', async (_name, handler) => {
    // Act
    const found = await swallowed(handler);
    // Assess
    expect(found).toEqual([]);
  });
});
