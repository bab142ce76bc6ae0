// The v3 SDK's aggregated clients (`new EventBridge()`, `new DynamoDB()`, `DynamoDBDocument.from(client)`)
// expose every operation as a method that answers a promise itself: `await eventBridge.putEvents({...})`
// is the same PutEvents as `client.send(new PutEventsCommand(...))`, with the same success answer around
// failed entries, but has neither a command nor the v2 `.promise()` that rules/partialBatch.ts looks for.
// Only a receiver this module builds as a v3 client is taken: a project's own `bus.putEvents(...)` may
// check the answer itself.
import { calleeName, lastName, memberPath, type Node, propertyName, unwrap } from '../ast.js';
import { clientHolder, wrappedClient } from '../clientWrappers.js';
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

/** `new EventBridge({})` or `DynamoDBDocument.from(client)`: an expression that builds a v3 aggregated client. */
function builtClient(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = wrappedClient(ctx, node);
  if (n?.type === 'NewExpression') return v3Client(ctx, n) !== undefined;
  return n?.type === 'CallExpression' && ctx.spells('DynamoDBDocument') && documentClient(ctx, n);
}

/** The class a `this` at `node` belongs to: the nearest class, unless a plain function rebinds `this` first. */
function classOf(ctx: ModuleContext, node: Node): Node | undefined {
  for (let at = ctx.parentOf(node); at !== undefined; at = ctx.parentOf(at)) {
    if (at.type === 'ClassBody') return ctx.parentOf(at);
    if (at.type === 'FunctionDeclaration') return undefined;
    if (at.type === 'FunctionExpression' && ctx.parentOf(at)?.type !== 'MethodDefinition') return undefined;
  }
  return undefined;
}

/** The variable declarator `id` refers to at its place, if this module declares it there. */
function declaratorOf(ctx: ModuleContext, id: Node): Node | undefined {
  const b = id.type === 'Identifier' ? ctx.resolve(id.name as string, id) : undefined;
  return b?.declaration.type === 'VariableDeclarator' ? b.declaration : undefined;
}

/**
 * Where this module keeps v3 clients: the declarators of the variables given one (`const bus = new
 * EventBridge()`, `bus = ...` later), each class's fields given one (`private ddb = new DynamoDB()`, `this.ddb =
 * client` where `client` holds one), and other member paths given one (`deps.bus = ...`), by name.
 */
interface Holders {
  readonly declarators: Set<Node>;
  readonly fields: Map<Node, Set<string>>;
  readonly paths: Set<string>;
}

/**
 * Records where the value `built` goes when it is (or stands for) a client: declarator, field or path. A
 * capture call or a module's own instrumenting function hands the client on (`captureAWSv3Client(new
 * EventBridge({}))`): what holds that call holds the client.
 */
function keep(ctx: ModuleContext, holders: Holders, built: Node): void {
  const { node: stored, parent } = clientHolder(ctx, built);
  if (parent?.type === 'VariableDeclarator' && parent.init === stored) holders.declarators.add(parent);
  else if (parent?.type === 'PropertyDefinition' && parent.value === stored)
    addField(
      holders,
      ctx.parentOf(ctx.parentOf(parent) as Node),
      propertyName(parent.key, parent.computed as boolean),
    );
  if (parent?.type !== 'AssignmentExpression' || parent.right !== stored) return;
  const left = unwrap(parent.left);
  if (left?.type === 'Identifier') {
    const d = declaratorOf(ctx, left);
    if (d !== undefined) holders.declarators.add(d);
  } else if (left?.type === 'MemberExpression' && unwrap(left.object)?.type === 'ThisExpression')
    addField(holders, classOf(ctx, parent), propertyName(left.property, left.computed as boolean));
  else {
    const path = memberPath(left)?.join('.');
    if (path !== undefined) holders.paths.add(path);
  }
}

function addField(holders: Holders, cls: Node | undefined, key: string | undefined): void {
  if (cls === undefined || key === undefined) return;
  const keys = holders.fields.get(cls) ?? new Set<string>();
  keys.add(key);
  holders.fields.set(cls, keys);
}

function clientHolders(ctx: ModuleContext): Holders {
  const holders: Holders = { declarators: new Set(), fields: new Map(), paths: new Set() };
  for (const n of ctx.of('NewExpression')) if (v3Client(ctx, n) !== undefined) keep(ctx, holders, n);
  if (ctx.spells('DynamoDBDocument'))
    for (const c of ctx.of('CallExpression')) if (documentClient(ctx, c)) keep(ctx, holders, c);
  // One step of aliasing: `const client = new DynamoDB(); this.client = client;`.
  if (holders.declarators.size > 0)
    for (const statement of ctx.of('ExpressionStatement')) {
      const a = unwrap(statement.expression);
      const right = a?.type === 'AssignmentExpression' ? unwrap(a.right) : undefined;
      if (right?.type !== 'Identifier' || unwrap(a?.left)?.type !== 'MemberExpression') continue;
      const d = declaratorOf(ctx, right);
      if (d !== undefined && holders.declarators.has(d)) keep(ctx, holders, a?.right as Node);
    }
  return holders;
}

/** `receiver` is a client this module built: by binding for a variable, by class for `this.x`. */
function isClient(ctx: ModuleContext, receiver: Node | undefined, holders: Holders): boolean {
  const r = unwrap(receiver);
  if (r === undefined) return false;
  if (builtClient(ctx, r)) return true;
  if (r.type === 'Identifier') {
    const d = declaratorOf(ctx, r);
    return d !== undefined && holders.declarators.has(d);
  }
  if (r.type !== 'MemberExpression') return false;
  if (unwrap(r.object)?.type === 'ThisExpression') {
    const cls = classOf(ctx, r);
    const key = propertyName(r.property, r.computed as boolean);
    return cls !== undefined && key !== undefined && holders.fields.get(cls)?.has(key) === true;
  }
  const path = memberPath(r)?.join('.');
  return path !== undefined && holders.paths.has(path);
}

/**
 * The call answers a promise: one argument, or a second that is the v3 options object (`{ abortSignal }`).
 * Anything else last (`cb`, `(err, out) => ...`) may be the callback, and then no promise answer is read.
 */
function promiseForm(ctx: ModuleContext, args: Node[]): boolean {
  if (args.length === 1) return unwrap(args[0])?.type !== 'ArrowFunctionExpression';
  return args.length === 2 && unwrap(ctx.valueOf(args[1]) ?? args[1])?.type === 'ObjectExpression';
}

const holdersOf = new WeakMap<ModuleContext, Holders>();

/**
 * Any promise-answering call on a v3 aggregated client this module builds (`await ddb.updateItem({...})`
 * with `ddb = new DynamoDB()`): a request to AWS as `client.send(new UpdateItemCommand(...))` is, for the
 * rules that ask whether a chain reaches another system (rules/chainStandIn.ts).
 */
export function aggregatedClientCall(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || !ctx.spells('@aws-sdk/')) return false;
  if (!promiseForm(ctx, call.arguments as Node[])) return false;
  let holders = holdersOf.get(ctx);
  if (holders === undefined) {
    holders = clientHolders(ctx);
    holdersOf.set(ctx, holders);
  }
  return isClient(ctx, callee.object, holders);
}

/**
 * The batch calls made on a v3 aggregated client of this module, each with its failure field
 * (rules/batchApis.ts): promise-answering calls, so not a v2 request made a promise with `.promise()` nor
 * one given a callback. The v3 options argument (`bus.putEvents(params, { abortSignal })`) is allowed.
 * @example
 * // const eventBridge = new EventBridge(); await eventBridge.putEvents({ Entries })
 * aggregatedBatchCalls(ctx) // -> [{ call: <the putEvents call>, field: 'FailedEntryCount', method: 'putEvents' }]
 */
export function aggregatedBatchCalls(ctx: ModuleContext): { call: Node; field: string; method: string }[] {
  if (!ctx.spells('@aws-sdk/')) return [];
  const out: { call: Node; field: string; method: string }[] = [];
  let holders: Holders | undefined;
  for (const call of ctx.of('CallExpression')) {
    const method = calleeName(call);
    const field = method === undefined ? undefined : V2_FAILURE_FIELD[method];
    const callee = unwrap(call.callee);
    if (field === undefined || callee?.type !== 'MemberExpression') continue;
    const args = call.arguments as Node[];
    if (!promiseForm(ctx, args)) continue;
    const member = ctx.parentOf(call);
    if (member?.type === 'MemberExpression' && member.object === call && lastName(member) === 'promise')
      continue;
    holders ??= clientHolders(ctx);
    if (!isClient(ctx, callee.object, holders)) continue;
    out.push({ call, field, method: method as string });
  }
  return out;
}
