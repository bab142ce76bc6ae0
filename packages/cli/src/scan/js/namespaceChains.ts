// A function reached through namespaces a project module passes on: SST's service layout writes
// `export * as IoTData from './iot_data'` in each service and barrels nest them (`export * as Services
// from './services'`), so a handler calls `core.IoTData.publish(x)` or `Services.IoTData.publish(x)`. The
// project pass follows the dotted name through those re-exports to the module's own export
// (exportLookup.ts), as it does a named import; an object literal's nested member is not such a name.
import { type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { mayBeProjectSource } from './projectSource.js';

/**
 * `a.b.fn` where `a` is imported from a project module and the chain has at least one namespace between
 * the import and the function: the import, the dotted namespace name below the module, and the member.
 * A chain through a call or a computed member names nothing the lookup can follow.
 *
 * @example
 * namespaceChainMember(ctx, callee) // core.IoTData.publish of `import * as core from '@app/core'` -> { source: '@app/core', name: 'IoTData', method: 'publish' }
 * namespaceChainMember(ctx, callee) // Services.IoTData.publish of `import { Services } from '@app/core'` -> { source: '@app/core', name: 'Services.IoTData', method: 'publish' }
 */
export function namespaceChainMember(
  ctx: ModuleContext,
  callee: Node | undefined,
): { source: string; name: string; method: string } | undefined {
  const names: string[] = [];
  let node = unwrap(callee);
  while (node?.type === 'MemberExpression') {
    const name = propertyName(node.property as Node, node.computed as boolean);
    if (name === undefined) return undefined;
    names.unshift(name);
    node = unwrap(node.object as Node);
  }
  // Two members at least: `ns.fn` alone is the plain namespace import's case (resultUse.ts importedCallee).
  if (node?.type !== 'Identifier' || names.length < 2) return undefined;
  const imp = ctx.importOf(node.name as string, node);
  if (imp === undefined || imp.imported === 'default' || !mayBeProjectSource(imp.source)) return undefined;
  const method = names.pop() as string;
  const path = imp.imported === '*' ? names : [imp.imported, ...names];
  return { source: imp.source, name: path.join('.'), method };
}
