// sdk-client-no-timeout is about requests that can hang. A client held in a module variable that nothing in
// the module reads (`const ec2 = new EC2({})` left behind when the lookups moved to another module) sends no
// request at all: not exported, no other module can reach it either. An exported client is still reported
// wherever it is built (its importers may be out of sight: a path alias, another package). A read in code a
// constant switches off (`const doTrace = false; if (doTrace) { ... }`, fixedOff.ts) is no read.
// The same holds inside a function: `const sm = new SecretsManagerClient()` that the function never reads
// (the secret is fetched by a helper that builds its own, or the only send is commented out) is a local no
// other module can see, so it sends nothing either. Nor does a client only wrapped into a document client
// (`const doc = DynamoDBDocumentClient.from(ddb)`) that is itself never read: the wrapper is a use only if used.
import { memberPath, type Node, someDescendant } from './ast.js';
import { switchedOff } from './fixedOff.js';
import { heldIn, isCastOrParen } from './heldIn.js';
import { isKeyName } from './keyNames.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The client (`created`, a `new ...Client(...)`) is the initializer of a module-level or block-level (a
 * function's) `const`/`let` that no expression of the module reads and that the module does not export (by declaration, specifier or
 * CommonJS): it sends no request.
 *
 * @example
 * unreadClient(ctx, node) // const ec2 = new EC2({}); (never read) -> true
 * unreadClient(ctx, node) // export const ssm = new SSMClient(); -> false
 */
export function unreadClient(ctx: ModuleContext, created: Node): boolean {
  const parent = heldIn(ctx, created);
  if (parent === undefined) return unreadPrivateField(ctx, created);
  const statement = ctx.parentOf(parent);
  // An exported declaration is reported where it is built: its importers may be out of sight.
  if (statement?.type !== 'VariableDeclaration') return false;
  // A function's local is read only by that function; the module scan below finds it through resolve.
  const scope = ctx.parentOf(statement)?.type;
  if (scope !== 'Program' && scope !== 'BlockStatement') return false;
  const name = parent.id.name as string;
  // Any other mention is a read, an `export { ec2 }` specifier and `module.exports = { ec2 }` included.
  const read = someDescendant(
    ctx.program,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n === parent.id) return false;
      // A member name or property key spelled like the variable is not the variable.
      if (isKeyName(ctx, n)) return false;
      // Only a binding that shadows it is another variable; an unresolved mention counts as a read.
      const declaration = ctx.resolve(name, n)?.declaration;
      if (declaration !== undefined && declaration !== parent) return false;
      return !switchedOff(ctx, n) && !wrappedUnread(ctx, n);
    },
    false,
  );
  return !read && ![...ctx.exports.values()].some((v) => v === created || v === parent || v === parent.id);
}

/**
 * The client is the initializer of a private class field (`private static readonly ssm = new SSMClient()`,
 * `#ssm = new SSMClient()`) that no member access of its class names: only the class can read a private
 * field, so one it never names sends nothing. A computed access by the same string (`this['ssm']`) is a read.
 *
 * @example
 * unreadClient(ctx, node) // class A { private ssm = new SSMClient(); run() { return getParameter(k); } } -> true
 */
function unreadPrivateField(ctx: ModuleContext, created: Node): boolean {
  const { node: held, parent: field } = ctx.climb(created, isCastOrParen);
  if (field?.type !== 'PropertyDefinition' || field.computed || field.value !== held) return false;
  const key = field.key as Node | undefined;
  const hashed = key?.type === 'PrivateIdentifier';
  if (!hashed && field.accessibility !== 'private') return false;
  const name = key?.name as string | undefined;
  const body = ctx.parentOf(field);
  if (name === undefined || body?.type !== 'ClassBody') return false;
  return !someDescendant(
    body,
    (n) => {
      if (n.type !== 'MemberExpression') return false;
      const property = n.property as Node | undefined;
      if (n.computed) return property?.type === 'Literal' && property.value === name;
      return property?.name === name && (property.type === 'PrivateIdentifier') === hashed;
    },
    false,
  );
}

/** The lib-dynamodb wrappers that send through the client they are given, and nothing else. */
const WRAPPERS = new Set(['DynamoDBDocumentClient.from', 'DynamoDBDocument.from']);

/**
 * The mention is the client argument of a document-client wrapper (`DynamoDBDocumentClient.from(ddb)`) whose
 * answer is held in a variable that is itself unread: the wrapper never sends, so neither does the client.
 *
 * @example
 * wrappedUnread(ctx, ddbMention) // const doc = DynamoDBDocumentClient.from(ddb); (doc never read) -> true
 */
function wrappedUnread(ctx: ModuleContext, mention: Node): boolean {
  const { node: held, parent: call } = ctx.climb(mention, isCastOrParen);
  if (call?.type !== 'CallExpression' || (call.arguments as Node[])[0] !== held) return false;
  if (!WRAPPERS.has(memberPath(call.callee as Node)?.join('.') ?? '')) return false;
  return heldIn(ctx, call) !== undefined && unreadClient(ctx, call);
}
