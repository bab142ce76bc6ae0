// A callback-era stream consumer (`function handler(event, context, cb)`, exported through the object the
// module assigns to `module.exports`) that hands its event down a promise chain to a helper looping over
// `event.Records` is a batch consumer by its code alone: its batch, fan-out and final catch are judged as an
// async consumer's are. Near misses stay silent: one-record sources, a catch that calls back the error, an
// async entry (judged through its delegate), and unawaited work under a handler Lambda waits for.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../analyzeModule.js';

/** `rule`'s candidate lines in `source`, scanned as a module of a Lambda folder. */
function lines(source: string, rule: string): number[] {
  return analyzeModule('/app/core/events-handler/index.js', source)
    .candidates.filter((c) => c.rule === rule)
    .map((c) => c.line);
}

/** A Kinesis consumer in the Node 6 style; `%FIELD%` is the record field read, `%CATCH%` the final catch's answer. */
const CONSUMER = `const AWS = require('aws-sdk');
const docClient = new AWS.DynamoDB.DocumentClient({ httpOptions: { timeout: 3000 } });
function handler(event, context, cb) {
  exportable.getConfig()
    .then((config) => exportable.processRecords(config, event))
    .then((result) => cb(null, { processed: result.length }))
    .catch((err) => {
      console.error('failed ' + JSON.stringify(err));
      %CATCH%
    });
}
function getConfig() {
  return docClient.get({ TableName: 'config', Key: { id: 'main' } }).promise();
}
function processRecords(config, event) {
  return new Promise((resolve, reject) => {
    const pending = [];
    for (let i = 0; i < event.Records.length; i++) {
      pending.push(exportable.processEachEvent(event.Records[i], config));
    }
    Promise.all(pending).then(resolve).catch(reject);
  });
}
function processEachEvent(record, config) {
  const payload = Buffer.from(record.%FIELD%.data, 'base64').toString();
  return docClient.put({ TableName: config.table, Item: JSON.parse(payload) }).promise();
}
const exportable = { handler, getConfig, processRecords, processEachEvent };
module.exports = exportable;
`;

const consumer = (field: string, answer: string) =>
  CONSUMER.replace('%FIELD%', field).replace('%CATCH%', answer);

describe('callback-era stream consumers', () => {
  it('judges the batch, its fan-out and its final catch', () => {
    // Prepare
    const source = consumer('kinesis', "return cb(null, 'done');");

    // Act / Assess
    expect(lines(source, 'batch-no-partial-failure')).toEqual([3]);
    expect(lines(source, 'swallowed-error')).toEqual([7]);
    expect(lines(source, 'promise-all-no-partial')).toEqual([21]);
  });

  it('reports a final catch that only logs and never calls back', () => {
    // Prepare
    const source = consumer('kinesis', '');

    // Act / Assess
    expect(lines(source, 'swallowed-error')).toEqual([7]);
  });

  it.each([['an SNS notification, one record per invocation', consumer('Sns', "return cb(null, 'done');")]])(
    'reads %s as no batch',
    (_, source) => {
      // Act / Assess
      expect(lines(source, 'batch-no-partial-failure')).toEqual([]);
      expect(lines(source, 'swallowed-error')).toEqual([]);
    },
  );

  it('leaves a final catch that hands the error to Lambda', () => {
    // Prepare
    const source = consumer('kinesis', 'return cb(err);');

    // Act / Assess
    expect(lines(source, 'swallowed-error')).toEqual([]);
    expect(lines(source, 'batch-no-partial-failure')).toEqual([3]);
  });

  it('leaves an async entry handing its event on to the delegate rules', () => {
    // Prepare
    const source = consumer('kinesis', 'throw err;').replace(
      'function handler(event, context, cb) {',
      'async function handler(event, context) {',
    );

    // Act / Assess
    expect(lines(source, 'batch-no-partial-failure')).toEqual([]);
  });
});

describe('floating work under a callback-era handler', () => {
  const HELPER = `const rp = require('request-promise-native');
function handler(event, context, callback) {
  notify(event);
  callback(null, 'ok');
}
function notify(event) {
  rp({ uri: process.env.HOOK, method: 'POST', body: event, json: true, timeout: 3000 }).then(() => console.log('sent'));
}
module.exports = { handler };
`;

  it('leaves a chain in a helper the waiting handler calls', () => {
    // Act / Assess
    expect(lines(HELPER, 'floating-promise')).toEqual([]);
  });

  it('still reports it once the module stops the wait', () => {
    // Prepare
    const source = HELPER.replace(
      '  notify(event);\n',
      '  context.callbackWaitsForEmptyEventLoop = false;\n  notify(event);\n',
    );

    // Act / Assess
    expect(lines(source, 'floating-promise')).toEqual([8]);
  });
});
