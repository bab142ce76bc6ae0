// Calls that hand back the client they are given: X-Ray's and Powertools Tracer's capture calls
// (`AWSXRay.captureAWSv3Client(new EventBridge({}))`, `tracer.captureAWSv3Client(client)`) and a module's own
// function that only instruments its argument and returns it (`trace(client)` returning
// `xray ? AWSXRay.captureAWSv3Client(client) : client`, `middleware(client)` adding to its middleware stack).
// The value such a call answers is the client itself, so a rule that asks what a name holds reads through it.
import { calleeName, type Node, paramName, unwrap } from './ast.js';
import { heldIn, isCastOrParen } from './heldIn.js';
import type { ModuleContext } from './ModuleContext.js';
import { isXrayCapture } from './memberClass.js';
import { returnedValues } from './returnedValues.js';

const MAX_DEPTH = 3;

/** Does `fn` answer only its first parameter, as given or through another such call? */
function identityFunction(ctx: ModuleContext, fn: Node, depth: number): boolean {
  const name = paramName((fn.params as Node[] | undefined)?.[0]);
  if (name === undefined) return false;
  const returned = returnedValues(fn);
  return returned?.every((r) => answersParam(ctx, r, name, fn, depth)) === true;
}

function answersParam(ctx: ModuleContext, value: Node, name: string, fn: Node, depth: number): boolean {
  const v = unwrap(value);
  if (v?.type === 'Identifier') {
    const b = v.name === name ? ctx.resolve(name, v) : undefined;
    return b?.kind === 'param' && b.scope === fn;
  }
  if (v?.type === 'ConditionalExpression')
    return (
      answersParam(ctx, v.consequent as Node, name, fn, depth) &&
      answersParam(ctx, v.alternate as Node, name, fn, depth)
    );
  if (v?.type !== 'CallExpression' || !wrapperCall(ctx, v, depth + 1)) return false;
  const arg = (v.arguments as Node[])[0];
  return arg !== undefined && answersParam(ctx, arg, name, fn, depth);
}

function wrapperCall(ctx: ModuleContext, call: Node, depth: number): boolean {
  if (call.type !== 'CallExpression' || (call.arguments as Node[]).length === 0) return false;
  if (isXrayCapture(calleeName(call))) return true;
  if (depth > MAX_DEPTH) return false;
  const callee = unwrap(call.callee as Node);
  const fn = callee?.type === 'Identifier' ? ctx.functionOf(callee) : undefined;
  return fn !== undefined && identityFunction(ctx, fn, depth);
}

/**
 * Is `call` one that answers its first argument, instrumented (a capture call, a module function that returns
 * its parameter)?
 *
 * @example
 * clientWrapperCall(ctx, node) // AWSXRay.captureAWSv3Client(new EventBridge({})) -> true
 */
export function clientWrapperCall(ctx: ModuleContext, call: Node): boolean {
  return wrapperCall(ctx, call, 0);
}

/**
 * The value under any wrapper calls: `trace(middleware(new S3Client({})))` -> `new S3Client({})`.
 *
 * @example
 * wrappedClient(ctx, node) // tracer.captureAWSv3Client(new SQSClient({})) -> the `new SQSClient({})` node
 */
export function wrappedClient(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  let v = unwrap(value);
  for (let i = 0; v?.type === 'CallExpression' && i <= MAX_DEPTH && clientWrapperCall(ctx, v); i++)
    v = unwrap((v.arguments as Node[])[0]);
  return v;
}

/**
 * Climbs from a built client through casts, parentheses and wrapper calls that take it as their first
 * argument: the outermost expression that still is the client, and what holds that.
 */
export function clientHolder(ctx: ModuleContext, created: Node): { node: Node; parent: Node | undefined } {
  let at = ctx.climb(created, isCastOrParen);
  while (
    at.parent?.type === 'CallExpression' &&
    (at.parent.arguments as Node[])[0] === at.node &&
    clientWrapperCall(ctx, at.parent)
  )
    at = ctx.climb(at.parent, isCastOrParen);
  return at;
}

/** The declarator of the plain variable that holds the client, through wrappers: `const s3 = trace(new S3())`. */
export function clientDeclarator(ctx: ModuleContext, created: Node): Node | undefined {
  const held = heldIn(ctx, created);
  if (held !== undefined) return held;
  const { parent } = clientHolder(ctx, created);
  return parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier' ? parent : undefined;
}
