// What an SST queue consumer's function grants (sstConsumerGrants.ts): only services that absorb any
// request rate clear iac-no-reserved-concurrency; fields of other stacks are left to the project pass.
import { describe, expect, it } from 'vitest';
import { objectProps } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { absorbingGrants } from './sstConsumerGrants.js';

/** The verdict for the function props handed to `probe({...})` in a stack module that builds `setup` first. */
function verdict(setup: string, fnProps: string): string[] | 'reaches anything' {
  const head =
    "import { Bucket, Config, Queue, Table, use } from 'sst/constructs';\nimport { Data } from './Data';\n";
  const ctx = contextOf(`${head}${setup}\nprobe(${fnProps});`, 'stacks/Workers.ts');
  const probe = ctx.of('CallExpression').find((c) => c.callee?.name === 'probe');
  const grants = absorbingGrants(ctx, objectProps(probe?.arguments?.[0]));
  return grants === undefined ? 'reaches anything' : grants.map((g) => `${g.owner.name}.${g.field}`);
}

const BUILT =
  "const t = new Table(stack, 't', { fields: { id: 'string' }, primaryIndex: { partitionKey: 'id' } });\nconst b = new Bucket(stack, 'b');\nconst q = new Queue(stack, 'q');\nconst key = new Config.Secret(stack, 'SIGNING_KEY');";

describe('absorbingGrants', () => {
  it.each([
    [
      'an on-demand table, a bucket, a queue, a secret',
      BUILT,
      "{ handler: 'h.main', bind: [t, key], permissions: [b, q] }",
      [],
    ],
    [
      'a queue URL and a bucket name in the environment',
      BUILT,
      "{ handler: 'h.main', bind: [t], environment: { NEXT_QUEUE_URL: q.queueUrl, BUCKET: b.bucketName } }",
      [],
    ],
    [
      'fields of another stack, left to the project pass',
      'const { orders } = use(Data);',
      "{ handler: 'h.main', bind: [orders] }",
      ['Data.orders'],
    ],
    [
      'a provisioned table',
      "const t = new Table(stack, 't', { cdk: { table: { billingMode: BillingMode.PROVISIONED } } });",
      "{ handler: 'h.main', bind: [t] }",
      'reaches anything',
    ],
    [
      'a secret named for an endpoint',
      "const url = new Config.Secret(stack, 'PARTNER_API_URL');",
      "{ handler: 'h.main', bind: [url] }",
      'reaches anything',
    ],
    [
      'a string permission',
      BUILT,
      "{ handler: 'h.main', bind: [t], permissions: ['rds-data'] }",
      'reaches anything',
    ],
    [
      'an endpoint in the environment',
      BUILT,
      "{ handler: 'h.main', bind: [t], environment: { PARTNER_API_URL: 'https://x' } }",
      'reaches anything',
    ],
    ['a role of its own', BUILT, "{ handler: 'h.main', bind: [t], role }", 'reaches anything'],
    ['nothing granted: its code may call anything', BUILT, "{ handler: 'h.main' }", 'reaches anything'],
    [
      'stack defaults that grant more',
      `${BUILT}\nstack.addDefaultFunctionPermissions(['ses']);`,
      "{ handler: 'h.main', bind: [t] }",
      'reaches anything',
    ],
    [
      'a construct the module cannot name',
      BUILT,
      "{ handler: 'h.main', bind: [props.table] }",
      'reaches anything',
    ],
  ])('%s', (_name, setup, fnProps, expected) => {
    expect(verdict(setup, fnProps)).toEqual(expected);
  });
});
