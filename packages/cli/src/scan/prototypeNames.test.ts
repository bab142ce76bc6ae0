// Names read from scanned code are looked up in plain records: an export called `constructor`,
// `toString` or `__proto__` must be that module's export, never a member of Object.prototype. A vendored
// SDK exporting `g as constructor`, called through a namespace import, crashed the whole scan.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-proto-');

const FILES = {
  'package.json': '{ "name": "p", "type": "module" }\n',
  'util.js': 'export async function fetchIt(u) { return fetch(u); }\n',
  'helper.js': [
    "import { fetchIt } from './util.js';",
    'function g(a) { return { a }; }',
    'async function w(u) { return fetchIt(u); }',
    'export { g as constructor, w as warm, g as toString, g as hasOwnProperty, g as __proto__ };',
    '',
  ].join('\n'),
  'handler.js': [
    "import * as h from './helper.js';",
    'export const handler = async (event) => {',
    '  const made = h.constructor(event.id);',
    '  h.toString(made);',
    '  h.hasOwnProperty(made);',
    '  h.__proto__(made);',
    '  return h.warm(event.url);',
    '};',
    '',
  ].join('\n'),
};

describe('exports named after Object.prototype members', () => {
  it('are followed as exports: the scan completes and still reaches the fetch behind the real export', async () => {
    const result = await scan({ root: tree(FILES), workers: 0 });
    // Assess
    expect(result.findings.filter((f) => f.file === 'util.js').map((f) => f.rule)).toContain(
      'http-no-timeout',
    );
  });

  it('do not stand for an export a template handler names and the module lacks (h.constructor)', async () => {
    const sls = (named: string) => ({
      'serverless.yml': [
        'service: svc',
        'provider: { name: aws, runtime: nodejs20.x }',
        'functions:',
        '  consume:',
        `    handler: h.${named}`,
        '    events: [{ sqs: { arn: "arn:aws:sqs:us-east-1:1:q", batchSize: 10 } }]',
        '',
      ].join('\n'),
      'h.js': [
        'export async function main(event) {',
        '  for (const record of event.Records) await fetch(record.body);',
        '}',
        '',
      ].join('\n'),
    });
    const rules = async (named: string) =>
      (await scan({ root: tree(sls(named)), workers: 0 })).findings.map((f) => f.rule).sort();
    // Assess: named after Object.prototype, a missing export reads as any missing export does.
    const missing = await rules('absent');
    expect(missing).toContain('batch-no-partial-failure');
    expect(await rules('constructor')).toEqual(missing);
    expect(await rules('toString')).toEqual(missing);
  });
});
