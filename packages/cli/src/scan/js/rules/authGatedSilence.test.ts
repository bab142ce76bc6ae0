// Which catches reportUnlessAuthGated hands swallowed-error's report on with `unlessAuthGated`: a method or
// export answering "not verified" for any remote failure (infra-error-as-auth's once a caller gates it),
// and no other catch.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { Candidate } from '../Candidate.js';
import { ModuleContext } from '../ModuleContext.js';
import { reportUnlessAuthGated } from './authGatedSilence.js';

/** The `unlessAuthGated` names the first catch of `source` gets, or undefined when none is added. */
function silencedBy(source: string): readonly string[] | undefined {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.js', source, parsed.program as unknown as Node, parsed.comments);
  const handler = ctx.of('CatchClause')[0] as Node;
  let seen: Partial<Candidate> | undefined;
  reportUnlessAuthGated(ctx, handler, (_rule, _node, _message, extra) => {
    seen = extra ?? {};
  })('swallowed-error', handler, 'm');
  return seen?.unlessAuthGated;
}

const HTTP_CHECK = `const axios = require('axios');
class SessionCheck {
  constructor() { this.client = axios.create({ baseURL: process.env.URL }); }
  async isTokenValid(token) {
    try { const { status } = await this.client.get('/me'); return status === 200; }
    catch (err) { console.error(err); return CAUGHT; }
  }
}
module.exports = SessionCheck;`;

const MAPPER_CHECK = `const { DataMapper } = require('@aws/dynamodb-data-mapper');
const DynamoDB = require('aws-sdk/clients/dynamodb');
const mapper = new DataMapper({ client: new DynamoDB() });
export async function verifyGrant(value) {
  try { await mapper.get({ value }); return true; }
  catch (err) { CAUGHT }
}`;

describe('reportUnlessAuthGated', () => {
  it('adds the method of an exported class whose catch answers false for an HTTP failure', () => {
    expect(silencedBy(HTTP_CHECK.replace('CAUGHT', 'false'))).toEqual(['default#isTokenValid']);
  });

  it('adds an exported function whose catch answers false for a DynamoDB data-mapper read', () => {
    expect(silencedBy(MAPPER_CHECK.replace('CAUGHT', 'console.log(err); return false;'))).toEqual([
      'verifyGrant',
    ]);
  });

  it('leaves a catch that tells a missing item from a failure', () => {
    const told = "if (err.name === 'ItemNotFoundException') return false; throw err;";
    expect(silencedBy(MAPPER_CHECK.replace('CAUGHT', told))).toBeUndefined();
  });

  it('leaves a catch answering a value that is not "no"', () => {
    expect(silencedBy(HTTP_CHECK.replace('CAUGHT', "'unknown'"))).toBeUndefined();
  });

  it('leaves a catch around local work only', () => {
    const local = MAPPER_CHECK.replace('await mapper.get({ value });', 'JSON.parse(value);');
    expect(silencedBy(local.replace('CAUGHT', 'return false;'))).toBeUndefined();
  });
});
