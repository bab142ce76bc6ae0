import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appTablesOnDemand } from './cdkAppTables.js';

/** A CDK app in a fresh folder: cdk.json and the given modules under lib/; returns the consumer stack's path. */
function app(modules: Record<string, string>, cdkJson = true): string {
  const root = mkdtempSync(join(tmpdir(), 'cdk-app-tables-'));
  mkdirSync(join(root, 'lib'));
  if (cdkJson) writeFileSync(join(root, 'cdk.json'), '{ "app": "npx tsx bin/app.ts" }');
  for (const [name, text] of Object.entries(modules)) writeFileSync(join(root, 'lib', name), text);
  const consumer = join(root, 'lib', 'consumer.ts');
  writeFileSync(consumer, 'props.table.grantReadWriteData(worker);\n');
  return consumer;
}

const onDemand = `new Table(this, 'T', { partitionKey, billingMode: BillingMode.PAY_PER_REQUEST });`;

describe('appTablesOnDemand', () => {
  it('answers yes when every table the app builds is on demand', () => {
    expect(appTablesOnDemand(app({ 'data.ts': onDemand }))).toBe(true);
    expect(appTablesOnDemand(app({ 'data.ts': `new dynamodb.TableV2(this, 'T', { partitionKey });` }))).toBe(
      true,
    );
  });

  it('answers no when one table is provisioned, by default or by its billing', () => {
    const provisioned = `new dynamodb.Table(this, 'L', { partitionKey, readCapacity: 5 });`;
    expect(appTablesOnDemand(app({ 'data.ts': onDemand, 'ledger.ts': provisioned }))).toBe(false);
    const v2 = `new TableV2(this, 'T', { billing: Billing.provisioned({ readCapacity, writeCapacity }) });`;
    expect(appTablesOnDemand(app({ 'data.ts': v2 }))).toBe(false);
  });

  it('answers no when the app imports a table by name, builds none, or is not a CDK app', () => {
    const imported = `const t = Table.fromTableName(this, 'Shared', 'shared-table');`;
    expect(appTablesOnDemand(app({ 'data.ts': onDemand, 'shared.ts': imported }))).toBe(false);
    expect(appTablesOnDemand(app({ 'data.ts': 'new Queue(this, "Q");' }))).toBe(false);
    expect(appTablesOnDemand(app({ 'data.ts': onDemand }, false))).toBe(false);
  });
});
