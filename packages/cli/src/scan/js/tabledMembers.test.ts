// tabledInCode: the project functions a table built inside the module's code holds, by bare name or by
// member of an imported class or namespace; a table built at load (a registry) is not one.
import { describe, expect, it } from 'vitest';
import { tabledInCode } from './tabledMembers.js';
import { contextOf } from './testing/parsed.js';

const names = (source: string) =>
  tabledInCode(contextOf(source, '/app/main.ts')).map((r) => `${r.source}#${r.name}`);

describe('tabledInCode', () => {
  it('names the imported class whose static method a table in a function holds', () => {
    // Prepare
    const source = `import { Alerting } from './alerting';
export async function processEvent(event) {
  const processors = { alert: Alerting.sendAlert };
  return processors[event.eventName](event);
}`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual(['./alerting#Alerting']);
  });

  it('names the member itself of a namespace import, and a bare imported function', () => {
    // Prepare
    const source = `import * as orders from './orders';
import { refund } from './refunds';
export const handler = async (event) => ({ list: orders.list, refund })[event.kind](event);`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual(['./orders#list', './refunds#refund']);
  });

  it('leaves out a table built at load, a package import and a computed member', () => {
    // Prepare
    const source = `import { Reindexer } from './reindexer';
import { Logger } from 'winston';
import { Jobs } from './jobs';
export const adminTasks = { reindex: Reindexer.reindexAll };
export async function handler(event) {
  const table = { log: Logger.write, run: Jobs[event.name] };
  return table[event.kind](event);
}`;

    // Act
    const refs = names(source);

    // Assert
    expect(refs).toEqual([]);
  });
});
