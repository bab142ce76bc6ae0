// A data layer exported as an object of methods rather than a class: `export const apiKeys = { async
// getByHash(h) { return (await docClient.send(new QueryCommand(...))).Items?.[0] ?? null } }`. An auth
// check in another module awaiting `apiKeys.getByHash(hash)` in a try whose catch answers 401 (or null that
// a caller answers 401) reads a DynamoDB outage as a bad key, as with a class's method (remoteMethodsOf,
// exportAuthFacts.ts), which this mirrors for the object's own function-valued properties.
import { type Node, unwrap } from '../ast.js';
import type { ExportFact } from '../Candidate.js';
import { objectFunctions } from '../defaultObjectMethods.js';
import type { ModuleContext } from '../ModuleContext.js';
import { callsRemote } from './authFacts.js';
import { handedLookup } from './authHandedLookups.js';

/**
 * The methods of an exported object literal (or of the object a name holds) that await a remote call or
 * hand back a lookup's promise, by name: `{ remoteMethods: { getByHash: 'QueryCommand (AWS)' } }`.
 */
export function objectRemoteMethods(
  ctx: ModuleContext,
  value: Node,
): Pick<ExportFact, 'remoteMethods' | 'remoteVia'> {
  const v = unwrap(value);
  const object = v?.type === 'Identifier' ? unwrap(ctx.valueOf(v)) : v;
  if (object?.type !== 'ObjectExpression') return {};
  const remoteMethods: Record<string, string> = {};
  for (const [name, fn] of objectFunctions(ctx, object)) {
    const remote = callsRemote(ctx, fn.body as Node) ?? handedLookup(ctx, fn);
    if (remote !== undefined) remoteMethods[name] = remote;
  }
  return Object.keys(remoteMethods).length > 0 ? { remoteMethods } : {};
}
