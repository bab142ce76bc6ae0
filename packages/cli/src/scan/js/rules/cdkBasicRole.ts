// A CDK function given a role of its own (`role: consumerRole`) can reach whatever that role allows, so the
// judgements that clear a function by what it touches keep it by default. A role built in the same module
// from AWS's basic execution policies alone (logs, X-Ray, receiving from its queue), with no inline policy
// and nothing in the module adding to it, reaches nothing a backlog could flood: that is a fact the code
// states, as a SAM function's `AWSLambdaBasicExecutionRole` is (iac/ephemeralTargets.ts).
import { memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** AWS managed policies that grant only logs, traces and the consumer's own queue. A VPC role is not one. */
const BASIC_MANAGED =
  /^(service-role\/)?(AWSLambdaBasicExecutionRole|AWSLambdaSQSQueueExecutionRole|AWSXRayDaemonWriteAccess)$/;
/** Role props that grant nothing. */
const HARMLESS_PROP = /^(assumedBy|managedPolicies|description|roleName|path|maxSessionDuration)$/;

function basicManaged(ctx: ModuleContext, policy: Node | null): boolean {
  const call = unwrap(policy ?? undefined);
  if (call?.type !== 'CallExpression' || memberPath(call.callee)?.at(-1) !== 'fromAwsManagedPolicyName')
    return false;
  return BASIC_MANAGED.test(stringValue(ctx.valueOf((call.arguments as Node[])[0])) ?? '');
}

/** The variable a `new Role(...)` is held in, when it is a plain `const name = new Role(...)`. */
function heldIn(ctx: ModuleContext, made: Node): string | undefined {
  const parent = ctx.parentOf(made);
  return parent?.type === 'VariableDeclarator' && (parent.id as Node).type === 'Identifier'
    ? ((parent.id as Node).name as string)
    : undefined;
}

/**
 * True when `roleExpr` names a role built in this module with only basic execution managed policies, used
 * nowhere in the module but as a function's `role`.
 * @example
 * basicExecutionRole(ctx, roleNode)
 * // const r = new Role(this, 'R', { assumedBy, managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSLambdaBasicExecutionRole')] }) -> true
 */
export function basicExecutionRole(ctx: ModuleContext, roleExpr: Node | undefined): boolean {
  const made = ctx.valueOf(unwrap(roleExpr));
  if (made?.type !== 'NewExpression' || memberPath(made.callee)?.at(-1) !== 'Role') return false;
  const props = objectProps(ctx.valueOf((made.arguments as Node[])[2]));
  if (props === undefined || props.spread) return false;
  if (![...props.props.keys()].every((k) => HARMLESS_PROP.test(k))) return false;
  const managed = ctx.valueOf(props.props.get('managedPolicies'));
  if (managed !== undefined && managed.type !== 'ArrayExpression') return false;
  if (!((managed?.elements as (Node | null)[] | undefined) ?? []).every((p) => basicManaged(ctx, p)))
    return false;
  // Any other use (`role.addToPolicy(...)`, `table.grantWriteData(role)`) may widen it.
  const name = heldIn(ctx, made);
  if (name === undefined) return false;
  const uses = ctx.source.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
  const asRole = ctx.source.match(new RegExp(`\\brole\\s*:\\s*${name}\\b`, 'g'))?.length ?? 0;
  return uses === asRole + 1;
}
