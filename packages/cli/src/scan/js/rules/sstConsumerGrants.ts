// What an SST v1/v2 queue consumer's function can reach, for iac-no-reserved-concurrency's exemption of a
// consumer that only reaches services absorbing any request rate (as for a CDK consumer's grants,
// cdkFloodTargets.ts). SST grants by `bind: [table, secret]` and `permissions: [bucket, queue]`: an on-demand
// Table (SST's Table is on demand unless its `cdk.table` says otherwise), a Bucket, a Queue, a Topic, an
// EventBus, a Config secret or parameter not named for an endpoint. A string permission (`'s3'`,
// `'dynamodb:PutItem'`, `'*'`), a `role`, an environment variable naming an endpoint, a construct the module
// cannot name, or module defaults that bind or permit more, reach anything. Split stacks bind what
// `use(DataStack)` hands over: those fields are settled by the project pass from the owner stack's returns
// (ExportFact.sstAbsorbingFields).

import { namesEndpoint } from '../../iac/floodTargets.js';
import type { Node } from '../ast.js';
import { memberPath, objectProps, stringValue, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValues } from '../returnedValues.js';
import { sstConstruct } from '../sstConstructs.js';
import { returnedFields, usedStackField } from './sstStackFields.js';

/** SST constructs whose service takes any request rate. */
const ABSORBING = new Set(['Bucket', 'Queue', 'Topic', 'EventBus']);
/** Table props (under `cdk.table`) that make it provisioned, or name a table built elsewhere. */
const PROVISIONED = /\b(?:billingMode|readCapacity|writeCapacity|PROVISIONED)\b/;

/** A field of another stack a grant names: the owner stack's return settles it. */
export interface StackFieldRef {
  readonly owner: ImportRef;
  readonly field: string;
}

/** Does the expression hold an SST construct built in this module that absorbs any request rate? */
export function absorbingConstruct(ctx: ModuleContext, expr: Node | undefined): boolean {
  const built = unwrap(ctx.valueOf(expr) ?? expr);
  if (built?.type !== 'NewExpression') return false;
  const name = sstConstruct(ctx, built.callee as Node)?.name;
  const args = built.arguments as Node[];
  if (name !== undefined && ABSORBING.has(name)) return true;
  if (name === 'Table') {
    const props = objectProps(ctx.valueOf(args[2]));
    const cdk = props?.props.get('cdk');
    const text = (n: Node | undefined) => (n === undefined ? '' : ctx.source.slice(n.start, n.end));
    // A spread the scan cannot read is the table's schema (fields, indexes); its billing is judged by the module.
    if (props === undefined || PROVISIONED.test(text(cdk))) return false;
    return !props.spread || !PROVISIONED.test(ctx.source);
  }
  // `new Config.Secret(stack, 'SIGNING_KEY')`: a read of SSM; its name says whether it holds an endpoint.
  const kind = memberPath(unwrap(built.callee as Node))?.at(-1);
  if (name !== 'Config' || (kind !== 'Secret' && kind !== 'Parameter')) return false;
  const id = stringValue(ctx.valueOf(args[1]) ?? args[1]);
  return id !== undefined && !namesEndpoint(id);
}

/** Do the module's function defaults (`stack.setDefaultFunctionProps`, `addDefaultFunction...`) grant more? */
function defaultsGrant(ctx: ModuleContext): boolean {
  if (ctx.spells('addDefaultFunctionPermissions') || ctx.spells('addDefaultFunctionBinding')) return true;
  if (!ctx.spells('setDefaultFunctionProps') && !ctx.spells('addDefaultFunctionEnv')) return false;
  for (const call of ctx.of('CallExpression')) {
    const method = memberPath(unwrap(call.callee as Node))?.at(-1);
    const arg = objectProps(ctx.valueOf((call.arguments as Node[])[0]));
    if (method === 'addDefaultFunctionEnv' && (arg === undefined || !envPlain(ctx, arg))) return true;
    if (method !== 'setDefaultFunctionProps') continue;
    if (arg === undefined || arg.spread || ['bind', 'permissions', 'role'].some((k) => arg.props.has(k)))
      return true;
    if (
      !envPlain(
        ctx,
        objectProps(ctx.valueOf(arg.props.get('environment'))) ?? { props: new Map(), spread: false },
      )
    )
      return true;
  }
  return false;
}

/** Is an environment read whole, naming no endpoint? */
function envPlain(ctx: ModuleContext, env: NonNullable<ReturnType<typeof objectProps>>): boolean {
  if (env.spread) return false;
  for (const [key, value] of env.props)
    if (namesEndpoint(key, stringValue(ctx.valueOf(value) ?? value))) return false;
  return true;
}

/**
 * What the consumer function's props grant: undefined when it may reach something that floods (or the
 * props cannot be read), else the other stacks' fields still to settle (none: it only reaches absorbing
 * services built here).
 * @example
 * absorbingGrants(ctx, fnProps) // [{ owner: DataStack, field: 'orders' }] for { bind: [orders] } after const { orders } = use(DataStack)
 */
export function absorbingGrants(
  ctx: ModuleContext,
  fnProps: ReturnType<typeof objectProps>,
): readonly StackFieldRef[] | undefined {
  if (fnProps === undefined || fnProps.spread || fnProps.props.has('role') || defaultsGrant(ctx))
    return undefined;
  // `queue.bind([...])` and `fn.attachPermissions([...])` grant the consumer more than its props show.
  if (ctx.spells('.bind(') || ctx.spells('attachPermissions')) return undefined;
  const env = fnProps.props.get('environment');
  const envProps = env === undefined ? { props: new Map(), spread: false } : objectProps(ctx.valueOf(env));
  if (envProps === undefined || !envPlain(ctx, envProps)) return undefined;
  const grants: Node[] = [];
  for (const key of ['bind', 'permissions']) {
    const list = fnProps.props.get(key);
    if (list === undefined) continue;
    const array = unwrap(ctx.valueOf(list) ?? list);
    if (array?.type !== 'ArrayExpression') return undefined;
    grants.push(...(array.elements as (Node | null)[]).filter((e): e is Node => e !== null));
  }
  // A function granted nothing still reaches whatever its code calls over the network.
  if (grants.length === 0) return undefined;
  const refs: StackFieldRef[] = [];
  for (const grant of grants) {
    if (grant.type === 'SpreadElement') return undefined;
    if (absorbingConstruct(ctx, grant)) continue;
    const field = usedStackField(ctx, grant);
    if (field === undefined) return undefined;
    refs.push(field);
  }
  return refs;
}

/**
 * The fields an SST stack function returns that hold a service absorbing any request rate, for the
 * consumers of other stacks that bind them (`return { orders, receipts }`); undefined when none.
 * @example
 * stackAbsorbingFields(ctx, dataStackFn) // ['orders', 'receipts']
 */
export function stackAbsorbingFields(ctx: ModuleContext, stack: Node): string[] | undefined {
  const fn = ctx.functionOf(stack);
  const fields = ((fn === undefined ? undefined : returnedValues(fn, 'skip')) ?? [])
    .flatMap((object) => returnedFields(ctx, object, ''))
    .filter(([, expr]) => absorbingConstruct(ctx, expr))
    .map(([field]) => field);
  return fields.length > 0 ? fields : undefined;
}
