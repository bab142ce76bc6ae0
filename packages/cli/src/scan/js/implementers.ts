// Which interfaces a module's exported classes implement: the project pass joins them to handlers whose
// fields or parameters are typed by those interfaces (importerUses.ts), as dependency injection wires them.
import type { Node } from './ast.js';
import { implementedInterfaces } from './callerNames.js';
import { classOf } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The exported classes of the module and the interfaces each implements (`export class OrderRepository
 * implements IOrderRepository`): a handler whose field or parameter is typed by the interface
 * (`@inject(TYPES.Orders) private orders: IOrderRepository`) calls one of them.
 *
 * @example
 * implementers(ctx) // [{ cls: 'OrderRepository', source: '../interfaces', name: 'IOrderRepository' }]
 */
export function implementers(ctx: ModuleContext): { cls: string; source: string; name: string }[] {
  if (!ctx.spells('implements')) return [];
  const out: { cls: string; source: string; name: string }[] = [];
  for (const [cls, value] of ctx.exports) {
    const node = classOf(ctx, value);
    const body = node?.body as Node | undefined;
    if (body === undefined) continue;
    // implementedInterfaces climbs from a node inside the class to the class itself.
    for (const impl of implementedInterfaces(ctx, body)) out.push({ cls, ...impl });
  }
  return out;
}
