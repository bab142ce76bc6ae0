// A module's own class is reached through whatever builds it. A service module that exports both the class
// and a factory keeping one instance (`export function getSmsService() { return cached ??= new SmsService() }`)
// is used through the factory: importers name `getSmsService`, never `SmsService`, yet every request its
// methods make runs on their path. handlerImports.ts's exportsReaching follows these edges as it follows
// module-local calls, so the factory counts among the exports that reach a finding in a method.

import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { returnedInstance } from './returnedInstance.js';

/** A `new C(...)` of a class the module declares: the class's methods, and the construction. */
export interface ConstructionEdge {
  readonly methods: ReadonlySet<Node>;
  readonly site: Node;
}

const cache = new WeakMap<ModuleContext, readonly ConstructionEdge[]>();

/**
 * The module's constructions of its own classes, found once per module.
 *
 * @example
 * constructionEdges(ctx) // [{ methods: {sendSms}, site: `new SmsService()` in getSmsService }]
 */
export function constructionEdges(ctx: ModuleContext): readonly ConstructionEdge[] {
  const cached = cache.get(ctx);
  if (cached !== undefined) return cached;
  const edges: ConstructionEdge[] = [];
  const methodsByClass = new Map<Node, ReadonlySet<Node>>();
  for (const site of ctx.of('NewExpression')) {
    const callee = unwrap(site.callee);
    if (callee?.type !== 'Identifier') continue;
    const binding = ctx.resolve(callee.name as string, callee);
    if (binding?.kind !== 'class') continue;
    const cls = binding.declaration;
    let methods = methodsByClass.get(cls);
    if (methods === undefined) {
      methods = new Set(builtMethods(cls));
      methodsByClass.set(cls, methods);
    }
    // `new C().m()` runs `m` as well; any other method only runs when something calls it, which a
    // factory's callers may do with the instance it returns (returnedInstance.ts).
    const calledOn = calledMethod(ctx, cls, site);
    const reached = returnedInstance(ctx, site)
      ? new Set(classMethods(cls, false))
      : calledOn === undefined
        ? methods
        : new Set([...methods, calledOn]);
    if (reached.size > 0) edges.push({ methods: reached, site });
  }
  cache.set(ctx, edges);
  return edges;
}

/** What `new C()` itself runs: the constructor and the function-valued fields' initialisers are not calls. */
function builtMethods(cls: Node): Node[] {
  const body = cls.body as Node | undefined;
  if (body === undefined || !Array.isArray(body.body)) return [];
  return (body.body as Node[])
    .filter((m) => m.type === 'MethodDefinition' && m.kind === 'constructor')
    .map((m) => unwrap(m.value))
    .filter((f): f is Node => f !== undefined && isFunction(f));
}

/** The instance method called straight on the construction (`new C(u).name()`), if any. */
function calledMethod(ctx: ModuleContext, cls: Node, site: Node): Node | undefined {
  const member = ctx.parentOf(site);
  if (member?.type !== 'MemberExpression' || member.object !== site) return undefined;
  const call = ctx.parentOf(member);
  if (call?.type !== 'CallExpression' || call.callee !== member) return undefined;
  const name = propertyName(member.property as Node, member.computed as boolean);
  const body = cls.body as Node | undefined;
  if (name === undefined || body === undefined || !Array.isArray(body.body)) return undefined;
  const def = (body.body as Node[]).find(
    (m) =>
      (m.type === 'MethodDefinition' || m.type === 'PropertyDefinition') &&
      m.static !== true &&
      propertyName(m.key as Node, m.computed as boolean) === name,
  );
  const fn = def === undefined ? undefined : unwrap(def.value as Node);
  return fn !== undefined && isFunction(fn) ? fn : undefined;
}

/**
 * The functions of a class's methods and function-valued fields (`send = async () => {...}`). Without
 * `statics`, the instance's alone: a holder of an instance cannot call a static method through it.
 */
export function classMethods(cls: Node, statics = true): Node[] {
  const body = cls.body as Node | undefined;
  if (body === undefined || !Array.isArray(body.body)) return [];
  return (body.body as Node[])
    .filter((m) => statics || m.static !== true)
    .map((m) =>
      m.type === 'MethodDefinition' || m.type === 'PropertyDefinition' ? unwrap(m.value) : undefined,
    )
    .filter((f): f is Node => f !== undefined && isFunction(f));
}
