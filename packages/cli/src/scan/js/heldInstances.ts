// Project instances a module keeps in a value built at load: a registry (`const collectors = new Map([['rss',
// new RssCollector()], ['api:rest', new RestApiCollector()]])`), a strategy table (`const senders = { sms: new
// SmsSender() }`), a plain `const repo = new OrderRepository()`. A function that reads the value hands out or
// calls what it holds (`getCollector(type).collect(config)`), so the classes it holds run on that function's
// path: exportCalls (handlerImports.ts) gives them to the exports reaching it, as it gives a call written in
// the function itself.
import { forEachDescendant, type Node, propertyName } from './ast.js';
import type { ImportRef } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { projectCall } from './projectCall.js';

/** Expressions a held instance may sit in between its `new` and the declared value. */
const HOLDERS = new Set([
  'ArrayExpression',
  'ObjectExpression',
  'Property',
  'NewExpression',
  'CallExpression',
  'SpreadElement',
  'ParenthesizedExpression',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
]);

/** Methods of a Map or Set that read or change its keys, never handing out a value. */
const KEY_QUESTIONS = new Set(['has', 'keys', 'delete', 'clear', 'set', 'add']);

/**
 * For each function reading a module-level value that holds project instances, the classes it holds.
 *
 * @example
 * heldInstanceReads(ctx) // [{ fn: getCollector, ref: { from, source: './rest-api.js', name: 'RestApiCollector' } }]
 */
export function heldInstanceReads(ctx: ModuleContext): { fn: Node; ref: ImportRef }[] {
  const held = new Map<Node, ImportRef[]>();
  const names = new Set<string>();
  for (const made of ctx.of('NewExpression')) {
    if (ctx.enclosingFunction(made) !== undefined) continue;
    const ref = projectCall(ctx, made, true);
    if (ref === undefined) continue;
    const declarator = declaredIn(ctx, made);
    if (declarator === undefined) continue;
    held.set(declarator, [...(held.get(declarator) ?? []), ref]);
    names.add((declarator.id as Node).name as string);
  }
  if (held.size === 0) return [];
  const out: { fn: Node; ref: ImportRef }[] = [];
  // One walk, only in a module that holds project instances so: each read of the value inside a function.
  forEachDescendant(ctx.program, (id) => {
    if (id.type !== 'Identifier' || !names.has(id.name as string)) return true;
    const fn = ctx.enclosingFunction(id);
    if (fn === undefined || nameOnly(ctx, id) || asksOnly(ctx, id)) return true;
    const refs = held.get(ctx.resolve(id.name as string, id)?.declaration as Node);
    for (const ref of refs ?? []) out.push({ fn, ref });
    return true;
  });
  return out;
}

/**
 * `settings.collectors`, `{ collectors: 0 }`, a class field `collectors = 0`: the name of a property, which the
 * scope lookup would still resolve to the module's value and so give its classes to a function that never reads it.
 */
function nameOnly(ctx: ModuleContext, id: Node): boolean {
  const parent = ctx.parentOf(id);
  if (parent?.type === 'MemberExpression') return parent.property === id && parent.computed !== true;
  if (parent?.type === 'Property')
    return parent.key === id && parent.shorthand !== true && parent.computed !== true;
  const keyed = [
    'PropertyDefinition',
    'MethodDefinition',
    'TSPropertySignature',
    'TSAbstractPropertyDefinition',
  ];
  return parent !== undefined && keyed.includes(parent.type) && parent.key === id && parent.computed !== true;
}

/** `collectors.has(type)`, `collectors.keys()`, `type in collectors`: asks about the entries, runs none of them. */
function asksOnly(ctx: ModuleContext, id: Node): boolean {
  const parent = ctx.parentOf(id);
  if (parent?.type === 'BinaryExpression') return parent.operator === 'in' && parent.right === id;
  if (parent?.type !== 'MemberExpression' || parent.object !== id || parent.computed === true) return false;
  return (
    KEY_QUESTIONS.has(propertyName(parent.property as Node) ?? '') &&
    ctx.parentOf(parent)?.type === 'CallExpression'
  );
}

/** The module-level `const x = ...` whose value holds `made`, through literals and calls only. */
function declaredIn(ctx: ModuleContext, made: Node): Node | undefined {
  let node = made;
  for (let parent = ctx.parentOf(node); parent !== undefined; parent = ctx.parentOf(node)) {
    if (parent.type === 'VariableDeclarator')
      return parent.init === node && (parent.id as Node).type === 'Identifier' ? parent : undefined;
    if (!HOLDERS.has(parent.type)) return undefined;
    node = parent;
  }
  return undefined;
}
