// Two swallowed-error judgements cross a module boundary the same way: a catch is excused when every call of
// its try to another system is an awaited call of a project import (importedEndsErrors.ts: the import ends
// its own errors; loggingDataLayer.ts: it logs and rethrows them), and the project pass answers from facts
// about the exporting module's functions and methods. The walk over the try and the per-member judgement
// are the same for both; only the question asked of a call, or of a member, differs.
import { forEachDescendant, isFunction, type Node, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode } from './catchFacts.js';

/**
 * A call named by an imported project module: `db.updateDBCustom(...)`, `saveOrder(...)`.
 * @example
 * const ref: LoggedCallRef = { from: '/app/api.ts', source: './db', name: 'default', method: 'getOne' };
 */
export type LoggedCallRef = ImportRef & { readonly method: string };

/**
 * The functions an object literal or a class holds, by name.
 * @example
 * ownMembers(classNode).get('getOne') // the method's function node
 */
export function ownMembers(owner: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  const members = owner.type === 'ObjectExpression' ? owner.properties : (owner.body?.body ?? []);
  for (const m of members as Node[]) {
    const key = m.key?.type === 'Identifier' ? (m.key.name as string) : undefined;
    const value = unwrap(m.value);
    if (key !== undefined && isFunction(value)) out.set(key, value as Node);
  }
  return out;
}

/**
 * The names of an exported value for which `holds` is true: `['']` for a function, the methods of an object
 * literal or a class (each judged with the object or class as its owner); undefined when none.
 * @example
 * membersWhere(classNode, (fn) => isAsync(fn)) // ['getOne', 'save']
 */
export function membersWhere(
  value: Node,
  holds: (fn: Node, owner: Node | undefined) => boolean,
): string[] | undefined {
  if (isFunction(value)) return holds(value, undefined) ? [''] : undefined;
  if (
    value.type !== 'ObjectExpression' &&
    value.type !== 'ClassDeclaration' &&
    value.type !== 'ClassExpression'
  )
    return undefined;
  const names = [...ownMembers(value)].filter(([, fn]) => holds(fn, value)).map(([name]) => name);
  return names.length > 0 ? names : undefined;
}

/**
 * Every call of the block to another system is an awaited call that `refOf` names as a project import:
 * those calls, or undefined when one is not (or there are none). `refOf` gets the call and its `await`.
 * @example
 * awaitedImportCalls(ctx, tryBlock, (call) => importedRef(ctx, call)) // [{ source: './audit', name: 'sendToAudit', ... }]
 */
export function awaitedImportCalls(
  ctx: ModuleContext,
  block: Node,
  refOf: (call: Node, awaited: Node) => LoggedCallRef | undefined,
): LoggedCallRef[] | undefined {
  const refs: LoggedCallRef[] = [];
  let other = false;
  forEachDescendant(
    block,
    (n) => {
      if (other) return false;
      if (!isIoNode(ctx, n)) return true;
      const call = n.type === 'AwaitExpression' ? unwrap(n.argument) : undefined;
      const ref = call?.type === 'CallExpression' ? refOf(call, n) : undefined;
      if (ref === undefined) other = true;
      else refs.push(ref);
      return false;
    },
    true,
  );
  return other || refs.length === 0 ? undefined : refs;
}
