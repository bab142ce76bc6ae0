// A call through a table of project functions (`processors[event.eventName](event)` over `{ [Kind.SEND]:
// Notifier.sendAdmin, list: orders.list, refund }`) may run any of them, so each is on the calling code's
// path. The edge is keyed on the call, not on the table: an object that is never indexed and called is
// configuration or a registry (`{ TableName: TABLE_NAME }`, `{ tier: Tier.Bronze }`), and following its
// values would put whole classes and modules on a handler's path that nothing runs. Where the table is
// built (at load or in the calling function) does not matter: the call resolves it either way.
import { type Node, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { indexedTable } from './callTargets.js';
import type { ModuleContext } from './ModuleContext.js';
import { memberImportRef } from './projectCall.js';
import { tabledImport } from './registeredEntries.js';

/**
 * The import a table's `Owner.member` value names (projectCall.ts memberImportRef): the member itself
 * for a namespace, default or `require` import, else the imported owner (a class whose static method the
 * table holds: its methods are followed whole, as a call of `Owner.member()` is).
 *
 * @example
 * tabledMember(ctx, prop) // `{ [T.ALERT]: Notifier.send }`, Notifier from './notifier' -> { source: './notifier', name: 'Notifier' }
 */
export function tabledMember(ctx: ModuleContext, prop: Node): ImportRef | undefined {
  const value = unwrap(prop.value as Node);
  if (value?.type !== 'MemberExpression' || value.computed) return undefined;
  const owner = unwrap(value.object as Node);
  const member = value.property as Node;
  if (owner?.type !== 'Identifier' || member.type !== 'Identifier') return undefined;
  if (!ctx.projectImports.has(owner.name as string)) return undefined;
  return memberImportRef(ctx, owner, member.name as string);
}

/**
 * The project functions a call through a table may run: for `T[expr](...)` whose `T` is an object
 * literal (written in place, or a name bound to one at load or in a function), the imports its property
 * values name, by bare name (registeredEntries.ts tabledImport) or by member (tabledMember). Any other
 * call answers nothing.
 *
 * @example
 * tableCallRefs(ctx, call) // `processors[e.kind](e)` over `{ a: Notifier.send }` -> [{ source: './notifier', name: 'Notifier' }]
 */
export function tableCallRefs(ctx: ModuleContext, call: Node): ImportRef[] {
  const table = indexedTable(ctx, unwrap(call.callee as Node));
  if (table === undefined) return [];
  const refs: ImportRef[] = [];
  for (const prop of table.properties as Node[]) {
    if (prop.type !== 'Property') continue;
    const ref = tabledImport(ctx, prop) ?? tabledMember(ctx, prop);
    if (ref !== undefined) refs.push(ref);
  }
  return refs;
}
