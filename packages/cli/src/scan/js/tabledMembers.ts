// A project function put in a table by member (`{ [Kind.SEND]: Alerting.sendAdminAlert }`,
// `{ list: orders.list }` of `import * as orders`): the code holding the table calls it through the table
// (`processors[event.eventName](event)`), so the member runs on that code's path as a tabled function does
// (registeredEntries.ts tabledImport, which reads bare names only).
import { type Node, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { tabledImport } from './registeredEntries.js';

/**
 * The import a table's `Owner.member` value names: the member itself for a namespace import, else the
 * imported owner (a class whose static method, or an object whose function, the table holds).
 *
 * @example
 * tabledMember(ctx, prop) // `{ [T.ALERT]: Alerting.sendAlert }`, Alerting from './alerting' -> { source: './alerting', name: 'Alerting' }
 */
export function tabledMember(ctx: ModuleContext, prop: Node): ImportRef | undefined {
  const value = unwrap(prop.value as Node);
  if (value?.type !== 'MemberExpression' || value.computed) return undefined;
  const owner = unwrap(value.object as Node);
  const member = value.property as Node;
  if (owner?.type !== 'Identifier' || member.type !== 'Identifier') return undefined;
  if (!ctx.projectImports.has(owner.name as string)) return undefined;
  const imp = ctx.importOf(owner.name as string, owner);
  if (imp === undefined) return undefined;
  return {
    from: ctx.file,
    source: imp.source,
    name: imp.imported === '*' ? (member.name as string) : imp.imported,
  };
}

/**
 * The project functions a table built inside a function of the module holds (`const processors = {
 * [T.LOG]: Logger.writeLog, [T.ALERT]: Alerting.sendAlert }; return processors[event.eventName](event)`):
 * the handler path's calls through it. A table built at load is a registry whose entries may never run
 * for this handler; it is followed only where a call routes through it (callTargets.ts routedTargets).
 *
 * @example
 * tabledInCode(ctx) // [{ source: './alerting', name: 'Alerting' }, { source: './logger', name: 'Logger' }]
 */
export function tabledInCode(ctx: ModuleContext): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const prop of ctx.of('Property')) {
    if (ctx.enclosingFunction(prop) === undefined) continue;
    const ref = tabledImport(ctx, prop) ?? tabledMember(ctx, prop);
    if (ref !== undefined) refs.push(ref);
  }
  return refs;
}
