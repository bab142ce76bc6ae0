// The calls of a function or method inside its own module, by what it is (not by a same-spelled name), and
// whether those calls are all its uses: asked by the options-method reading (wholeOptionsMethod.ts) and by
// the optional-field exemption of swallowed-error (rules/optionalFieldAnswers.ts).
import { type Node, propertyName, someDescendant, unwrap } from './ast.js';
import { declaredName, nameMentions } from './flagGated.js';
import { exportKeyword, isExported } from './isExported.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The module's calls of `fn` itself: by its binding (`callAxios(config)` of `function callAxios`), or as
 * `this.name(...)` inside the class whose method it is. A same-named call of something else
 * (`https.request({...})` beside a `request(options)` method) is not one; nor is a call inside `fn` itself.
 * @example
 * callsOf(ctx, fn) // [this.callAxios({ method: 'get', url })]
 */
export function callsOf(ctx: ModuleContext, fn: Node): Node[] {
  const parent = ctx.parentOf(fn);
  const method = parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition';
  const name = method ? propertyName(parent.key as Node, parent.computed as boolean) : undefined;
  const classBody = method ? ctx.parentOf(parent) : undefined;
  const out: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee === undefined || ctx.enclosingFunction(call) === fn) continue;
    if (!method) {
      if (callee.type === 'Identifier' && ctx.functionOf(callee) === fn) out.push(call);
      continue;
    }
    if (
      callee.type === 'MemberExpression' &&
      unwrap(callee.object)?.type === 'ThisExpression' &&
      propertyName(callee.property as Node, callee.computed as boolean) === name &&
      insideBody(ctx, call, classBody)
    )
      out.push(call);
  }
  return out;
}

/**
 * The module's calls of `fn` when they are every use it has in the module: a module function not exported
 * whose name is written only at its declaration and as the callee of those calls (not `ids.map(getUser)`),
 * or a method whose name is written only there and in `this.name(...)` calls, of a class whose instances
 * made here are not handed out (each a module constant used only as `inst.m(...)`, never exported; the class
 * itself may be exported, see keptInModule). Undefined otherwise.
 * @example
 * onlyLocalCalls(ctx, fn) // undefined for `export const prefs = new Prefs()` beside `prefs.getPreferences(id)`
 */
export function onlyLocalCalls(ctx: ModuleContext, fn: Node): Node[] | undefined {
  const calls = callsOf(ctx, fn);
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'MethodDefinition') {
    const name = propertyName(parent.key as Node, parent.computed as boolean);
    const owner = ctx.parentOf(ctx.parentOf(parent) as Node);
    if (name === undefined || owner === undefined || !keptInModule(ctx, owner)) return undefined;
    return written(ctx, name) === 1 + calls.length ? calls : undefined;
  }
  const name = declaredName(ctx, fn);
  if (name === undefined || isExported(ctx, fn) || exportKeyword(ctx, fn)) return undefined;
  return nameMentions(ctx, name) === 1 + calls.length ? calls : undefined;
}

/**
 * A named class whose every instance made here is a module constant used only as `inst.m(...)`. The class
 * itself may be exported (`module.exports = Resolver`): a method whose name the module writes only at its
 * declaration and in `this.m(...)` calls is the class's own step, called by its other methods (another
 * module calling it on an instance is not looked for).
 */
function keptInModule(ctx: ModuleContext, owner: Node): boolean {
  const name = (owner.id as Node | null | undefined)?.name as string | undefined;
  if (name === undefined) return false;
  const made = ctx.of('NewExpression').filter((n) => unwrap(n.callee)?.name === name);
  // `module.exports = Resolver`, `export { Resolver }`: the export names the class, it calls no method.
  const exported = [...ctx.exports.values()].filter((v) => unwrap(v)?.name === name).length;
  if (written(ctx, name) !== 1 + made.length + exported) return false;
  return made.every((n) => {
    const declarator = ctx.parentOf(n);
    const id = declarator?.type === 'VariableDeclarator' ? (declarator.id as Node) : undefined;
    if (id?.type !== 'Identifier' || exportedValue(ctx, n) || ctx.exports.has(id.name as string))
      return false;
    const inst = id.name as string;
    const uses = ctx.of('CallExpression').filter((c) => {
      const callee = unwrap(c.callee);
      return callee?.type === 'MemberExpression' && unwrap(callee.object as Node)?.name === inst;
    });
    return written(ctx, inst) === 1 + uses.length;
  });
}

/**
 * How many identifiers of the module's code are spelled `name`, in any position (a binding, a key, a
 * property read): unlike the source text, comments do not count.
 */
function written(ctx: ModuleContext, name: string): number {
  let count = 0;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'Identifier' && n.name === name) count++;
    return false;
  });
  return count;
}

/** The module exports this node's value (`export class`, `export default new X()`). */
function exportedValue(ctx: ModuleContext, node: Node): boolean {
  return [...ctx.exports.values()].some((v) => v === node || unwrap(ctx.valueOf(v)) === node);
}

/** The node lies inside `body` (a class body). */
function insideBody(ctx: ModuleContext, node: Node, body: Node | undefined): boolean {
  for (let n = ctx.parentOf(node); n !== undefined; n = ctx.parentOf(n)) if (n === body) return true;
  return false;
}
