// The project import a call reaches: the edge the handler path follows out of a module (handlerImports.ts).
import { type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { requiredSource } from './folderLoads.js';
import { isProjectSource, type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { memberCall } from './memberClass.js';

/**
 * The project import a call calls (`initMenu()`, `ddb.getItem()` of a namespace or default import), or
 * the class a `new` makes.
 *
 * @example
 * projectCall(ctx, call) // initMenu() of `import { initMenu } from './initMenu'` -> { from, source: './initMenu', name: 'initMenu' }
 *
 * `aliased` also takes a bare path a tsconfig alias may name (`src/services/docs`): the handler path's
 * edges are joined by the project pass, which resolves aliases and drops what names no scanned module.
 */
export function projectCall(ctx: ModuleContext, call: Node, aliased = false): ImportRef | undefined {
  const callee = unwrap(call.callee);
  let ref: ImportRef | undefined;
  // `new (require('./lib/providers'))()`: the module's exported class, made inline (js/folderLoads.ts).
  const required = call.type === 'NewExpression' ? requiredSource(callee) : undefined;
  if (required !== undefined) ref = { from: ctx.file, source: required, name: 'default' };
  else if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp !== undefined && imp.imported !== '*')
      ref = { from: ctx.file, source: imp.source, name: imp.imported };
  } else if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'Identifier') {
    const name = propertyName(callee.property, callee.computed as boolean);
    ref = name === undefined ? undefined : memberImportRef(ctx, unwrap(callee.object) as Node, name);
  }
  // `this.orders.save(...)` on a field (or a typed parameter) whose class is imported from the project:
  // an injected service's methods run on this code's path (js/memberClass.ts).
  if (ref === undefined && callee?.type === 'MemberExpression') {
    const member = memberCall(ctx, call);
    if (member?.owner.kind === 'import')
      ref = { from: ctx.file, source: member.owner.source, name: member.owner.name };
  }
  if (ref === undefined) return undefined;
  return (aliased ? mayBeProjectSource : isProjectSource)(ref.source) ? ref : undefined;
}

/**
 * The import `owner.name` reaches when `owner` is imported: the member itself of a namespace, default or
 * `require` import (a module object: `lib.saveOrder`, `module.exports = { saveOrder }`), else the
 * imported owner (a class whose static method, or an instance whose method, it names: its methods are
 * followed whole, startsOf). Shared by calls and tabled members (js/tabledMembers.ts) so both resolve alike.
 *
 * @example
 * memberImportRef(ctx, alerting, 'send') // `const alerting = require('./alerting')` -> { source: './alerting', name: 'send' }
 */
export function memberImportRef(ctx: ModuleContext, owner: Node, name: string): ImportRef | undefined {
  const imp = ctx.importOf(owner.name as string, owner);
  if (imp === undefined) return undefined;
  if (imp.imported === '*' || imp.imported === 'default') return { from: ctx.file, source: imp.source, name };
  // `OrderService.getInstance(...)`: a static factory of an imported class hands back an instance.
  // `orders.save(...)` of an exported instance: its class's methods (startsOf).
  return { from: ctx.file, source: imp.source, name: imp.imported };
}
