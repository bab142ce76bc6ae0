// GOV.UK Notify's `notifications-node-client`, for http-no-timeout (rules/apiClients.ts reports it). Its
// ApiClient (client/api_client.js, v7 and v8) sends every request through axios with no `timeout` in the
// request options, so a slow Notify holds the caller until the Lambda is killed; `setClient(instance)` hands
// it an axios instance of the project's own (`axios.create({ timeout })`), the only documented way to bound
// it, and a module that calls it is given the benefit of the doubt. As with Octokit (rules/octokitClients.ts),
// a parameter typed `NotifyClient` is judged only in a module that builds its clients itself.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const SOURCE = 'notifications-node-client';
/** NotifyClient members that send nothing. */
const LOCAL = new Set(['setProxy', 'setClient', 'prepareUpload']);

function isNotifyConstruction(ctx: ModuleContext, node: Node | undefined): boolean {
  const v = unwrap(node);
  if (v?.type === 'ConditionalExpression')
    return isNotifyConstruction(ctx, v.consequent as Node) && isNotifyConstruction(ctx, v.alternate as Node);
  if (v?.type !== 'NewExpression') return false;
  const imp = ctx.importRoot(v.callee as Node);
  return imp?.source === SOURCE;
}

function typedNotify(ctx: ModuleContext, param: Node): boolean {
  const p = param.type === 'AssignmentPattern' ? param.left : param;
  const t = (p?.typeAnnotation as Node | undefined)?.typeAnnotation;
  if (t?.type !== 'TSTypeReference' || t.typeName?.type !== 'Identifier') return false;
  return ctx.importOf(t.typeName.name as string, t.typeName as Node)?.source === SOURCE;
}

/**
 * Is `callee` (`notifyClient.sendEmail`) a request through a NotifyClient the module builds with axios's
 * default of no timeout?
 * @example
 * untimedNotifySend(ctx, callee) // `client.sendEmail` with `const client = new NotifyClient(key)` -> true
 */
export function untimedNotifySend(ctx: ModuleContext, callee: Node): boolean {
  if (!ctx.spells(SOURCE) || ctx.spells('.setClient(')) return false;
  const c = unwrap(callee);
  if (c?.type !== 'MemberExpression') return false;
  const method = propertyName(c.property as Node, c.computed as boolean);
  const base = unwrap(c.object);
  if (method === undefined || LOCAL.has(method) || base?.type !== 'Identifier') return false;
  const binding = ctx.resolve(base.name as string, base);
  if (binding?.kind === 'param')
    return (
      typedNotify(ctx, binding.declaration) &&
      ctx.of('NewExpression').some((built) => isNotifyConstruction(ctx, built))
    );
  return isNotifyConstruction(ctx, ctx.valueOf(base));
}
