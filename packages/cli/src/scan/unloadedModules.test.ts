// Whether a 401 gate's module is loaded, seen through infra-error-as-auth on the helper it gates: an unused
// middleware in a package of its own gates nothing; a handler's import, a manifest naming it, or a
// repository with no nested package keeps the gate (and the finding).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const CHECK = `const axios = require('axios')
class Check {
  constructor () { this.client = axios.create({ baseURL: process.env.URL, timeout: 1000 }) }
  async isTokenValid (token) {
    try {
      const { status } = await this.client.get('/me', { headers: { Authorization: token } })
      return status === 200
    } catch (err) {
      return false
    }
  }
}
module.exports = Check
`;

const GATE = `const createError = require('http-errors')
const Check = require('../clients/Check')
const check = new Check()
module.exports = {
  before: async ({ event }) => {
    if (await check.isTokenValid(event.token) === false) throw new createError.Unauthorized('invalid_token')
  }
}
`;

const HANDLER = `const middy = require('@middy/core')
const gate = require('./validations/gate')
module.exports.handler = middy(async () => ({ statusCode: 200 })).use(gate)
`;

/** The rules reported at the helper's catch, in a project of `files` under a temporary root. */
async function atCatch(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-unloaded-'));
  roots.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const result = await scan({ root, workers: 0 });
  const check = Object.keys(files).find((f) => f.endsWith('clients/Check.js')) as string;
  return result.findings
    .filter((f) => f.file === check && f.line === 8)
    .map((f) => f.rule)
    .sort();
}

const PKG = '{ "name": "svc", "private": true }\n';

describe('unloadedModule (through authGated)', () => {
  it.each([
    ['a handler imports the gate', { 'svc/src/handler.js': HANDLER }, ['infra-error-as-auth']],
    ['nothing loads the gate', {}, ['swallowed-error']],
    [
      'a template at the package top names the gate',
      { 'svc/serverless.yml': 'functions:\n  a:\n    handler: src/validations/gate.before\n' },
      ['infra-error-as-auth'],
    ],
  ])('in a package of its own, when %s', async (_case, extra, expected) => {
    // Prepare
    const files = {
      'svc/package.json': PKG,
      'svc/src/clients/Check.js': CHECK,
      'svc/src/validations/gate.js': GATE,
      ...extra,
    };
    // Act
    const rules = await atCatch(files);
    // Assert
    expect(rules).toEqual(expected);
  });

  it('keeps the gate of a repository with no nested package (nothing to judge it by)', async () => {
    // Act
    const rules = await atCatch({ 'src/clients/Check.js': CHECK, 'src/validations/gate.js': GATE });
    // Assert
    expect(rules).toEqual(['infra-error-as-auth']);
  });
});
