// sdk-client-no-timeout is about requests that can hang. An S3 client used only to presign URLs
// (`getSignedUrl(s3, new PutObjectCommand(...))`, `createPresignedPost(s3, ...)`, and in aws-sdk v2 the
// client's own `s3.getSignedUrl('putObject', ...)`, `s3.getSignedUrlPromise(...)`, `s3.createPresignedPost(...)`)
// never sends one: the signature is computed locally, and the browser makes the request. Such a client is
// not reported. The same holds for a client that only lends its config to `new S3RequestPresigner(c.config)`
// (what getSignedUrl itself does) or only builds a request for it (`createRequest(client, command)` of
// @aws-sdk/util-create-request answers from a middleware before the send), and for one wrapped by X-Ray's
// `captureAWSv3Client(client)` (which returns the client it instruments), or instrumented in place by a
// capture call whose answer is dropped (`tracer.captureAWSv3Client(s3);`, Powertools Tracer).
import { calleeName, contains, type Node, someDescendant, unwrap } from './ast.js';
import { isCastOrParen } from './heldIn.js';
import { isKeyName } from './keyNames.js';
import type { ModuleContext } from './ModuleContext.js';
import { isXrayCapture } from './memberClass.js';
import { returnedValues } from './returnedValues.js';

const PRESIGN = /^(getSignedUrl|createPresignedPost|createPresignedUrl|presign)$/;
/** aws-sdk v2: the client signs by a method of its own. */
const V2_PRESIGN = /^(getSignedUrl|getSignedUrlPromise|createPresignedPost)$/;

/** The package whose `createRequest(client, command)` builds a request without sending it. */
const CREATE_REQUEST = '@aws-sdk/util-create-request';

/** A cast that only changes the type TypeScript sees: `getSignedUrl(this.s3 as any, command)` passes `this.s3`. */
const isCast = (p: Node): boolean => isCastOrParen(p) || p.type === 'TSNonNullExpression';

/**
 * `n` is the client of a presigning call: `getSignedUrl(n, command)` (v3) or `n.getSignedUrlPromise(...)` (v2),
 * through casts (`getSignedUrl(client as any, ...)`, a habit when the presigner's client type lags the client's).
 */
function presignsWith(ctx: ModuleContext, use: Node): boolean {
  const n = ctx.climb(use, isCast).node;
  const call = ctx.parentOf(n);
  if (call?.type === 'MemberExpression' && call.object === n) {
    const method = ctx.parentOf(call);
    if (!call.computed && call.property?.name === 'config') return configToPresigner(ctx, call);
    return (
      method?.type === 'CallExpression' &&
      method.callee === call &&
      V2_PRESIGN.test(call.property?.name ?? '')
    );
  }
  if (call?.type !== 'CallExpression' || call.arguments[0] !== n) return false;
  const name = calleeName(call) ?? '';
  if (PRESIGN.test(name)) return true;
  const callee = unwrap(call.callee as Node);
  return (
    name === 'createRequest' &&
    callee?.type === 'Identifier' &&
    ctx.importOf(name, callee)?.source === CREATE_REQUEST
  );
}

/** `new S3RequestPresigner(c.config)` or `new S3RequestPresigner({ ...c.config, ... })`: `config` is `c.config`. */
function configToPresigner(ctx: ModuleContext, config: Node): boolean {
  let arg = config;
  const spread = ctx.parentOf(config);
  if (spread?.type === 'SpreadElement') {
    const object = ctx.parentOf(spread);
    if (object?.type !== 'ObjectExpression') return false;
    arg = object;
  }
  const built = ctx.parentOf(arg);
  return (
    built?.type === 'NewExpression' &&
    built.arguments[0] === arg &&
    calleeName(built) === 'S3RequestPresigner'
  );
}

/**
 * `n` is only tested for being set: `if (!this.s3) this.s3 = new S3Client(...)`, the lazy-build guard. The
 * test reads the reference, not the client's network: it neither sends nor hands the client on.
 */
function onlyTested(ctx: ModuleContext, n: Node): boolean {
  const parent = ctx.parentOf(n);
  if (parent?.type === 'UnaryExpression' && parent.operator === '!') return true;
  return (parent?.type === 'IfStatement' || parent?.type === 'ConditionalExpression') && parent.test === n;
}

/**
 * `n` is only instrumented: `tracer.captureAWSv3Client(n);` as a statement of its own (Powertools Tracer, X-Ray)
 * adds tracing middleware to the client in place. The answer (the same client) is dropped, so the call
 * neither sends nor hands the client on: what the client's other uses do decides.
 */
function onlyInstrumented(ctx: ModuleContext, n: Node): boolean {
  const call = ctx.parentOf(ctx.climb(n, isCast).node);
  return (
    call?.type === 'CallExpression' &&
    contains(call.arguments[0], n) &&
    isXrayCapture(calleeName(call)) &&
    ctx.parentOf(call)?.type === 'ExpressionStatement'
  );
}

/**
 * Climbs from a built client through casts, parentheses and X-Ray capture calls to what holds it. The capture
 * call is climbed only when the client is its first argument: `created` lies inside that argument, and the
 * node the climb came from is a child of the call, so it is that argument.
 */
function holder(ctx: ModuleContext, created: Node): { node: Node; parent: Node | undefined } {
  return ctx.climb(
    created,
    (p) =>
      p.type === 'TSAsExpression' ||
      p.type === 'ParenthesizedExpression' ||
      (p.type === 'CallExpression' && contains(p.arguments[0], created) && isXrayCapture(calleeName(p))),
  );
}

/**
 * The client is held in a module variable whose every use is the client argument of a presigning call, or
 * in a class field (`this.s3 = new S3()` in the constructor, `private s3 = new S3()`) whose every use in
 * the class is `this.s3.getSignedUrlPromise(...)`.
 *
 * @example
 * onlyPresigns(ctx, node) // const s3 = new S3Client({}); ... getSignedUrl(s3, command) -> true
 * onlyPresigns(ctx, node) // const s3 = new S3(); ... s3.getSignedUrlPromise('putObject', params) -> true
 */
export function onlyPresigns(ctx: ModuleContext, created: Node): boolean {
  const { node: outer, parent } = holder(ctx, created);
  // Built inline as the presigning call's client: `createRequest(new S3Client({}), command)`.
  if (presignsWith(ctx, outer)) return true;
  const field = fieldName(parent);
  if (field !== undefined) return fieldOnlyPresigns(ctx, parent as Node, field);
  if (parent?.type === 'AssignmentExpression') return getterOnlyPresigns(ctx, parent);
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return false;
  const name = parent.id.name as string;
  if ([...ctx.exports.values()].some((v) => v === parent.id || v === created)) return false;
  let uses = 0;
  const other = someDescendant(
    ctx.program,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name || n === parent.id) return false;
      // `const S3 = new AWS.S3()`: the class's member name `S3` is no use of the variable.
      if (isKeyName(ctx, n) || ctx.resolve(name, n)?.declaration !== parent) return false;
      if (onlyTested(ctx, n) || onlyInstrumented(ctx, n)) return false;
      uses++;
      return !presignsWith(ctx, n);
    },
    false,
  );
  return uses > 0 && !other;
}

/** `this.s3 = <created>` or `s3 = <created>` as a class property: the field's name. */
function fieldName(parent: Node | undefined): string | undefined {
  if (parent?.type === 'PropertyDefinition' && parent.key?.type === 'Identifier' && !parent.computed)
    return parent.key.name as string;
  const left = parent?.type === 'AssignmentExpression' ? unwrap(parent.left as Node) : undefined;
  if (left?.type === 'MemberExpression' && left.object?.type === 'ThisExpression' && !left.computed)
    return left.property?.name as string | undefined;
  return undefined;
}

function fieldOnlyPresigns(ctx: ModuleContext, holder: Node, field: string): boolean {
  const owner = ctx.climb(holder, (p) => p.type !== 'ClassBody').parent;
  if (owner === undefined) return false;
  const target = holder.type === 'AssignmentExpression' ? unwrap(holder.left as Node) : undefined;
  let uses = 0;
  const other = someDescendant(
    owner,
    (n) => {
      if (n === target || n.type !== 'MemberExpression' || n.object?.type !== 'ThisExpression') return false;
      if (n.computed || n.property?.name !== field) return false;
      if (onlyTested(ctx, n) || onlyInstrumented(ctx, n)) return false;
      uses++;
      return !presignsWith(ctx, n);
    },
    false,
  );
  return uses > 0 && !other;
}

/**
 * A lazy singleton: `function client() { return (_client ??= new S3Client({})) }`, or `if (!_client) _client =
 * new S3Client(); return _client`. The module function that only hands out the cached client stands for it:
 * the client presigns only when the cache is read nowhere outside the getter and every call of the getter,
 * which the module keeps to itself, is the client argument of a presigning call (`getSignedUrl(client(), cmd)`).
 */
function getterOnlyPresigns(ctx: ModuleContext, assignment: Node): boolean {
  const left = unwrap(assignment.left as Node);
  if (left?.type !== 'Identifier') return false;
  const cache = ctx.resolve(left.name as string, left);
  const getter = ctx.enclosingFunction(assignment);
  if (cache === undefined || getter === undefined || contains(getter, cache.declaration)) return false;
  const returned = returnedValues(getter);
  const handsOut = (r: Node) => {
    const v = unwrap(r);
    return v === assignment || (v?.type === 'Identifier' && ctx.resolve(v.name as string, v) === cache);
  };
  if (returned === undefined || !returned.every(handsOut)) return false;
  // The cache is the getter's own: no other code reads or writes it.
  const name = getterName(ctx, getter);
  if (name === undefined || [...ctx.exports.values()].some((v) => unwrap(v) === getter)) return false;
  const elsewhere = someDescendant(
    ctx.program,
    (n) =>
      n.type === 'Identifier' &&
      n.name === cache.name &&
      !contains(getter, n) &&
      !contains(cache.declaration, n) &&
      ctx.resolve(cache.name, n) === cache,
    false,
  );
  if (elsewhere) return false;
  let calls = 0;
  const other = someDescendant(
    ctx.program,
    (n) => {
      if (n.type !== 'Identifier' || n.name !== name.id.name || n === name.id) return false;
      if (isKeyName(ctx, n) || ctx.resolve(n.name as string, n)?.declaration !== name.declaration)
        return false;
      const call = ctx.parentOf(n);
      if (call?.type !== 'CallExpression' || call.callee !== n) return true;
      calls++;
      return !presignsWith(ctx, call);
    },
    false,
  );
  return calls > 0 && !other;
}

/** The name a getter is declared under (`function client()`, `const client = () => ...`) and its declaration. */
function getterName(ctx: ModuleContext, fn: Node): { id: Node; declaration: Node } | undefined {
  const declarator = ctx.parentOf(fn);
  const id =
    fn.type === 'FunctionDeclaration'
      ? (fn.id as Node | null)
      : declarator?.type === 'VariableDeclarator'
        ? (declarator.id as Node)
        : undefined;
  if (id?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(id.name as string, id);
  return binding === undefined ? undefined : { id, declaration: binding.declaration };
}
