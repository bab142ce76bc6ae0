// A DynamoDB DocumentClient and the raw DynamoDB client built side by side from one options variable
// (`new AWS.DynamoDB.DocumentClient(parameters); new AWS.DynamoDB(parameters)`): the missing httpOptions is
// one defect with one fix (in `parameters`), so only the first of the pair is reported, and only when it
// was itself reported (an unread or bounded first client leaves the second to be judged). Other clients
// sharing options stay separate findings: they are separate services a reader labels one by one. A
// DocumentClient handed its raw client (`{ service: new DynamoDB() }`) sends through it: that client alone
// is judged, where it is built.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { v2ClientName } from './sdkV2Clients.js';

/**
 * `service: new AWS.DynamoDB(...)`, directly or through a variable of this module: an SDK client built here
 * (or any construction given httpOptions), judged at its own line whatever its options say.
 * @example
 * judgedThroughService(ctx, serviceNode) // true for `{ service: new DynamoDB(), region }`
 */
export function judgedThroughService(ctx: ModuleContext, service: Node | undefined): boolean {
  const v = service === undefined ? undefined : ctx.valueOf(service);
  if (v?.type !== 'NewExpression') return false;
  if (v2ClientName(ctx, v.callee as Node) !== undefined) return true;
  return objectProps(ctx.valueOf((v.arguments as Node[])[0]))?.props.has('httpOptions') === true;
}

/** `DynamoDB` or `DynamoDB.DocumentClient` at the end of a v2 client's dotted name. */
function dynamoKind(name: string): 'document' | 'raw' | undefined {
  if (name.endsWith('DynamoDB.DocumentClient')) return 'document';
  if (name === 'DynamoDB' || name.endsWith('.DynamoDB')) return 'raw';
  return undefined;
}

/**
 * `node` (a v2 client named `name`) is the second of a DocumentClient / raw DynamoDB pair built in the same
 * function from the same options identifier, the first built before it and among `reported` (the v2
 * clients this module already reported without httpOptions.timeout).
 *
 * @example
 * // this.doc = new AWS.DynamoDB.DocumentClient(p); this.raw = new AWS.DynamoDB(p);
 * secondOfDynamoPair(ctx, rawNode, 'AWS.DynamoDB', new Set([docNode])) // true
 */
export function secondOfDynamoPair(
  ctx: ModuleContext,
  node: Node,
  name: string,
  reported: ReadonlySet<Node>,
): boolean {
  const kind = dynamoKind(name);
  const options = unwrap((node.arguments as Node[])[0]);
  if (kind === undefined || options?.type !== 'Identifier') return false;
  const binding = ctx.resolve(options.name as string, options);
  const fn = ctx.enclosingFunction(node);
  return ctx.of('NewExpression').some((other) => {
    // Being reported also makes the partner an SDK client: a look-alike `new X.DynamoDB(p)` never is.
    if (!reported.has(other) || other === node || (other.start as number) >= (node.start as number))
      return false;
    if (ctx.enclosingFunction(other) !== fn) return false;
    const path = memberPath(other.callee as Node)?.join('.');
    const otherKind = path === undefined ? undefined : dynamoKind(path);
    if (otherKind === undefined || otherKind === kind) return false;
    const arg = unwrap((other.arguments as Node[])[0]);
    return (
      arg?.type === 'Identifier' &&
      arg.name === options.name &&
      ctx.resolve(arg.name as string, arg) === binding
    );
  });
}
