// The v3 SDK's aggregated clients (`new EventBridge()`, `new DynamoDB()`, `DynamoDBDocument.from(client)`)
// expose every operation as a method that answers a promise itself: `await eventBridge.putEvents({...})`
// is the same PutEvents as `client.send(new PutEventsCommand(...))`, with the same success answer around
// failed entries, but has neither a command nor the v2 `.promise()` that rules/partialBatch.ts looks for.
// Only a receiver this module builds as a v3 client is taken: a project's own `bus.putEvents(...)` may
// check the answer itself.
import { calleeName, lastName, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { V2_FAILURE_FIELD } from './batchApis.js';
import { v3Client } from './sdkClients.js';

/** `DynamoDBDocument.from(client)` (`@aws-sdk/lib-dynamodb`): the aggregated document client. */
function documentClient(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || calleeName(call) !== 'from') return false;
  const object = unwrap(callee.object);
  if (object?.type !== 'Identifier') return false;
  const imp = ctx.importOf(object.name as string, object);
  return imp?.source === '@aws-sdk/lib-dynamodb' && imp.imported === 'DynamoDBDocument';
}

/** The name a built client is kept under: `x` for `const x = ...`/`x = ...`, `this.x` for a field. */
function holderOf(ctx: ModuleContext, built: Node): string | undefined {
  const parent = ctx.parentOf(built);
  if (parent?.type === 'VariableDeclarator' && parent.init === built) {
    const id = unwrap(parent.id);
    return id?.type === 'Identifier' ? (id.name as string) : undefined;
  }
  if (parent?.type === 'AssignmentExpression' && parent.right === built)
    return memberPath(parent.left)?.join('.');
  if (parent?.type === 'PropertyDefinition' && parent.value === built) {
    const key = propertyName(parent.key, parent.computed as boolean);
    return key === undefined ? undefined : `this.${key}`;
  }
  return undefined;
}

/** The names (`eventBridge`, `this.ddb`) this module keeps a v3 client under. */
function clientHolders(ctx: ModuleContext): Set<string> {
  const names = new Set<string>();
  const add = (built: Node) => {
    const name = holderOf(ctx, built);
    if (name !== undefined) names.add(name);
  };
  for (const n of ctx.of('NewExpression')) if (v3Client(ctx, n) !== undefined) add(n);
  if (ctx.spells('DynamoDBDocument'))
    for (const c of ctx.of('CallExpression')) if (documentClient(ctx, c)) add(c);
  return names;
}

/**
 * The batch calls made on a v3 aggregated client of this module, each with its failure field
 * (rules/batchApis.ts): promise-answering calls, so not a v2 request made a promise with `.promise()` nor
 * one given a callback.
 * @example
 * // const eventBridge = new EventBridge(); await eventBridge.putEvents({ Entries })
 * aggregatedBatchCalls(ctx) // -> [{ call: <the putEvents call>, field: 'FailedEntryCount', method: 'putEvents' }]
 */
export function aggregatedBatchCalls(ctx: ModuleContext): { call: Node; field: string; method: string }[] {
  if (!ctx.spells('@aws-sdk/')) return [];
  const out: { call: Node; field: string; method: string }[] = [];
  let holders: Set<string> | undefined;
  for (const call of ctx.of('CallExpression')) {
    const method = calleeName(call);
    const field = method === undefined ? undefined : V2_FAILURE_FIELD[method];
    const callee = unwrap(call.callee);
    if (field === undefined || callee?.type !== 'MemberExpression') continue;
    const args = call.arguments as Node[];
    if (args.length !== 1 || unwrap(args[0])?.type === 'ArrowFunctionExpression') continue;
    const member = ctx.parentOf(call);
    if (member?.type === 'MemberExpression' && member.object === call && lastName(member) === 'promise')
      continue;
    const receiver = memberPath(callee.object)?.join('.');
    holders ??= clientHolders(ctx);
    if (receiver === undefined || !holders.has(receiver)) continue;
    out.push({ call, field, method: method as string });
  }
  return out;
}
