// What a module's own callers hand a helper's parameter. A client built once and passed down
// (`const sheets = createSheetsClient(config); await ensureSheetExists(sheets, id)`) is used through a
// parameter, and whether its requests are bounded is a fact of the caller's client. Read only when every
// use of the helper is a call in this module: an exported helper, or one passed along as a value, may be
// handed anything, and then nothing is claimed.

import { escapeRegExp } from '../escapeRegExp.js';
import { type Node, propertyName, unwrap } from './ast.js';
import { declaredName } from './flagGated.js';
import { isExported } from './isExported.js';
import type { ModuleContext } from './ModuleContext.js';

/** Where in the parameter list the identifier is declared: its position, and the key it is destructured by. */
function slotOf(fn: Node, declaration: Node, name: string): { index: number; key?: string } | undefined {
  const index = (fn.params as Node[]).indexOf(declaration);
  if (index === -1) return undefined;
  const p = declaration.type === 'AssignmentPattern' ? unwrap(declaration.left) : declaration;
  if (p?.type === 'Identifier') return { index };
  if (p?.type !== 'ObjectPattern') return undefined;
  for (const prop of p.properties as Node[]) {
    if (prop.type !== 'Property') continue;
    const value = prop.value?.type === 'AssignmentPattern' ? prop.value.left : prop.value;
    if (value?.type === 'Identifier' && value.name === name) {
      const key = propertyName(prop.key as Node, prop.computed as boolean);
      return key === undefined ? undefined : { index, key };
    }
  }
  return undefined;
}

/** The expression a call hands for the slot, or undefined when it cannot be read. */
function argumentFor(
  ctx: ModuleContext,
  call: Node,
  slot: { index: number; key?: string },
): Node | undefined {
  const args = call.arguments as Node[];
  if (args.slice(0, slot.index + 1).some((a) => a.type === 'SpreadElement')) return undefined;
  const arg = args[slot.index];
  if (arg === undefined || slot.key === undefined) return arg;
  const object = unwrap(ctx.valueOf(arg));
  if (object?.type !== 'ObjectExpression') return undefined;
  for (const prop of object.properties as Node[]) {
    if (prop.type === 'SpreadElement') return undefined;
    if (propertyName(prop.key as Node, prop.computed as boolean) === slot.key) return prop.value as Node;
  }
  return undefined;
}

/**
 * The expressions this module's calls pass for the parameter `id` names, when every use of its function is
 * such a call (not exported, not handed along). Undefined when any caller cannot be read.
 * @example
 * passedValues(ctx, sheetsClientId) // [the `sheets` identifier of `ensureSheetExists(sheets, id)`]
 */
export function passedValues(ctx: ModuleContext, id: Node): Node[] | undefined {
  const n = unwrap(id);
  if (n?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(n.name as string, n);
  if (binding?.kind !== 'param') return undefined;
  const fn = binding.scope;
  const name = declaredName(ctx, fn);
  const slot = slotOf(fn, binding.declaration, n.name as string);
  if (name === undefined || slot === undefined || isExported(ctx, fn)) return undefined;
  const calls = ctx.of('CallExpression').filter((c) => {
    const callee = unwrap(c.callee);
    return callee?.type === 'Identifier' && callee.name === name && ctx.functionOf(callee) === fn;
  });
  // Every mention of the name is the declaration or one of these calls: it is never handed along.
  const mentions =
    ctx.source.match(new RegExp(`(?<![\\w$.])${escapeRegExp(name)}(?![\\w$])`, 'g'))?.length ?? 0;
  if (calls.length === 0 || mentions !== calls.length + 1) return undefined;
  const passed: Node[] = [];
  for (const call of calls) {
    const value = argumentFor(ctx, call, slot);
    if (value === undefined) return undefined;
    passed.push(value);
  }
  return passed;
}
