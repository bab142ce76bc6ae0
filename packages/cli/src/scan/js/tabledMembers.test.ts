// tableCallRefs: the project functions a call through a table of functions may run, by bare name or by
// member of an imported class, namespace or module object; an object never indexed and called adds nothing.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { tableCallRefs } from './tabledMembers.js';
import { contextOf } from './testing/parsed.js';

const names = (source: string) => {
  const ctx = contextOf(source, '/app/main.ts');
  return ctx
    .of('CallExpression')
    .flatMap((call: Node) => tableCallRefs(ctx, call).map((r) => `${r.source}#${r.name}`));
};

describe('tableCallRefs', () => {
  it('names the imported class whose static method a called table holds', () => {
    // Prepare
    const source = `import { Notifier } from './notifier';
export async function runJob(job) {
  const runners = { notify: Notifier.notify };
  return runners[job.kind](job);
}`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual(['./notifier#Notifier']);
  });

  it('names the member of a namespace or require import, and a bare imported function', () => {
    // Prepare
    const source = `import * as orders from './orders';
import { refund } from './refunds';
const billing = require('./billing');
export const handler = async (event) => ({ list: orders.list, refund, bill: billing.send })[event.kind](event);`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual(['./orders#list', './refunds#refund', './billing#send']);
  });

  it('follows a table built at load that a call indexes', () => {
    // Prepare
    const source = `import * as cleanup from './cleanup';
const routes = { purge: cleanup.purgeExpired };
export const handler = async (event) => routes[event.op](event);`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual(['./cleanup#purgeExpired']);
  });

  it('leaves out objects never called through, a package import and a computed member', () => {
    // Prepare
    const source = `import { Reindexer } from './reindexer';
import { Tier } from './tier';
import { Logger } from 'winston';
import { Jobs } from './jobs';
export const adminTasks = { reindex: Reindexer.reindexAll };
export async function handler(event) {
  const config = { tier: Tier.Bronze };
  save(config);
  const table = { log: Logger.write, run: Jobs[event.name] };
  return table[event.kind](event);
}`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual([]);
  });
});
