// A function's alias or version runs the function's own code: an event source added to it
// (`alias.addEventSource(new SqsEventSource(queue, { batchSize: 1 }))`) feeds the function's handler.
import { calleeName, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fieldAssigned } from './fieldAssigned.js';

/** The members of a function that name one of its versions. */
const VERSION_MEMBERS = new Set(['currentVersion', 'latestVersion']);

/**
 * The function expression an alias or version stands for: `new Alias(this, id, { version: fn.currentVersion })`
 * (also kept in a class field), `new Version(this, id, { lambda: fn })`, `fn.currentVersion`, `fn.addAlias('live')`.
 * @example
 * aliasedFunction(ctx, thisAliasNode) // the `this.worker` of `version: this.worker.currentVersion`
 */
export function aliasedFunction(ctx: ModuleContext, expr: Node | undefined): Node | undefined {
  const v = fieldAssigned(ctx, expr, 'NewExpression') ?? ctx.valueOf(unwrap(expr));
  if (v?.type === 'NewExpression') {
    const kind = memberPath(v.callee)?.at(-1);
    const props = objectProps(ctx.valueOf((v.arguments as Node[])[2]))?.props;
    if (kind === 'Alias') return versionOf(ctx, props?.get('version'));
    if (kind === 'Version') return unwrap(props?.get('lambda'));
    return undefined;
  }
  if (v?.type === 'CallExpression' && calleeName(v) === 'addAlias') {
    const callee = unwrap(v.callee);
    return callee?.type === 'MemberExpression' ? unwrap(callee.object as Node) : undefined;
  }
  return versionOf(ctx, v);
}

/** The function of `fn.currentVersion` / `fn.latestVersion`. */
function versionOf(ctx: ModuleContext, expr: Node | undefined): Node | undefined {
  const v = unwrap(expr);
  const member = v?.type === 'MemberExpression' ? v : unwrap(ctx.valueOf(v));
  if (member?.type !== 'MemberExpression') return undefined;
  const name = propertyName(member.property as Node, member.computed as boolean);
  return name !== undefined && VERSION_MEMBERS.has(name) ? unwrap(member.object as Node) : undefined;
}
