// Which methods of an exported object literal objectRemoteMethods counts as remote: those awaiting an AWS
// call or handing back a database read, not local helpers.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { objectRemoteMethods } from './authObjectMethods.js';

/** objectRemoteMethods of the module's `export const store = ...` value. */
function remoteOf(source: string) {
  const ctx = contextOf(source);
  return objectRemoteMethods(ctx, ctx.exports.get('store') as Node);
}

describe('objectRemoteMethods', () => {
  it('names the methods that await a DynamoDB send or hand back a Prisma read', () => {
    const src = `import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
      const doc = DynamoDBDocumentClient.from(client);
      export const store = {
        async byHash(h) { const out = await doc.send(new QueryCommand({ h })); return out.Items?.[0]; },
        byId: (id) => prisma.key.findUnique({ where: { id } }),
        digest(k) { return hash(k); },
      };`;
    expect(Object.keys(remoteOf(src).remoteMethods ?? {}).sort()).toEqual(['byHash', 'byId']);
  });

  it('answers nothing for an object of local helpers or a value that is no object', () => {
    expect(remoteOf('export const store = { digest(k) { return k.trim(); } };')).toEqual({});
    expect(remoteOf('export const store = 3;')).toEqual({});
  });

  it('follows a shorthand property to the function declared above, and a name exported under another', () => {
    const shorthand = `async function byOwner(o) { return (await doc.send(new QueryCommand({ o }))).Items; }
      export const store = { byOwner };`;
    expect(Object.keys(remoteOf(shorthand).remoteMethods ?? {})).toEqual(['byOwner']);
    const renamed = `const keys = { byId: (id) => prisma.key.findUnique({ where: { id } }) };
      export { keys as store };`;
    expect(Object.keys(remoteOf(renamed).remoteMethods ?? {})).toEqual(['byId']);
  });
});
