// Handler paths across modules. A catch that only logs in a helper module is on a Lambda's must-complete
// path when a handler in another module calls the exported function that reaches it (`initMenu()` from a
// custom resource handler, `handleStreamEvent()` from `index.ts`). The helper's module names the exports
// that reach the catch; the handler's module names the imported functions its handler path calls; the
// project pass (project.ts) joins the two.

import { escapeRegExp } from '../escapeRegExp.js';
import { isGlobSource } from '../globImports.js';
import { isFunction, type Node, unwrap } from './ast.js';
import { builtHandlerHooks, builtHookImports } from './builtHandlerHooks.js';
import type { ImportRef } from './Candidate.js';
import { classMethods, constructionEdges } from './constructedClasses.js';
import { folderLoadCalls } from './folderLoads.js';
import { exportsInstanceHandler, handlerBuilders } from './handlerBuilders.js';
import { heldInstanceReads } from './heldInstances.js';
import { injectedDependencies, routerInstallers } from './injectedDependencies.js';
import { localCallEdges } from './localCallEdges.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { instanceClass } from './memberClass.js';
import { adapterServes, registrations } from './mountedRoutes.js';
import { projectCall } from './projectCall.js';
import { enclosing, rememberedReach } from './reachMemo.js';
import {
  handedImports,
  REGISTERED,
  registeredByModule,
  registeredStarts,
  tabledImport,
} from './registeredEntries.js';
import { tableCallRefs } from './tabledMembers.js';

/**
 * Imported functions this module's handler path calls: `initMenu()` of `require('./initMenu')`,
 * `ddb.getItem()` of `import * as ddb from './ddb'`. A call in any function of a handler's module counts,
 * not only one the handler reaches by name: dependencies built lazily at module scope
 * (`new Lazy(() => buildDependencies())`) and handed to the handler's core run on its path too.
 *
 * @example
 * handlerCalls(ctx) // [{ from: '/app/app.js', source: './initMenu', name: 'initMenu' }]
 */
export function handlerCalls(ctx: ModuleContext): ImportRef[] {
  // Routes installed at load on the object a built handler dispatches to (js/injectedDependencies.ts).
  // A glob import the handler is built from (`createGraphQLHandler({ services })`, a package's builder,
  // so no handler function of the module's own): every export of every module it matches (globImports.ts).
  const builders = handlerBuilders(ctx);
  // The app a Lambda adapter serves whole, with every route mounted on it (js/mountedRoutes.ts).
  const installers = [...routerInstallers(ctx), ...globImportsHanded(ctx, builders), ...adapterServes(ctx)];
  // A handler that is a member of an instance of a project class (js/handlerBuilders.ts) counts too, and one
  // built from a server whose option hooks (inline, local or imported) run per invocation (builtHandlerHooks).
  const hookImports = builtHookImports(ctx);
  installers.push(...hookImports);
  const built = exportsInstanceHandler(ctx) || builtHandlerHooks(ctx).size > 0 || hookImports.length > 0;
  if (ctx.handlers.size === 0 && !built) return installers;
  const refs = new Map<string, ImportRef>(installers.map((r) => [`${r.source}\0${r.name}`, r]));
  for (const call of ctx.of('CallExpression')) {
    const atLoad = ctx.handlerKindAt(call) === undefined && ctx.enclosingFunction(call) === undefined;
    if (atLoad && !builders.has(call)) continue;
    const ref = projectCall(ctx, call, true);
    if (ref !== undefined) refs.set(`${ref.source}\0${ref.name}`, ref);
    // A project class handed to a call is built by it (`createApp(AppModule)`: js/registeredEntries.ts).
    for (const handed of handedImports(ctx, call)) refs.set(`${handed.source}\0${handed.name}`, handed);
    // A call through a table of project functions, built at load or in code (js/tabledMembers.ts).
    for (const t of tableCallRefs(ctx, call)) refs.set(`${t.source}\0${t.name}`, t);
  }
  // Project functions the handler hands its core in an object of dependencies (js/injectedDependencies.ts).
  for (const ref of injectedDependencies(ctx)) refs.set(`${ref.source}\0${ref.name}`, ref);
  // A project class the handler's module constructs (`const orders = new OrderService(ddb)`, most often
  // at module scope): its methods run on the handler's path.
  for (const made of ctx.of('NewExpression')) {
    const ref = projectCall(ctx, made, true);
    if (ref !== undefined) refs.set(`${ref.source}\0${ref.name}`, ref);
  }
  return [...refs.values()];
}

/** Glob imports (`import services from 'src/services/**\/*.{js,ts}'`) named in a call building a handler. */
function globImportsHanded(ctx: ModuleContext, builders: Set<Node>): ImportRef[] {
  const out: ImportRef[] = [];
  for (const [local, imp] of ctx.imports) {
    if (!isGlobSource(imp.source)) continue;
    const named = new RegExp(`\\b${escapeRegExp(local)}\\b`);
    if ([...builders].some((call) => named.test(ctx.source.slice(call.start, call.end))))
      out.push({ from: ctx.file, source: imp.source, name: '*' });
  }
  return out;
}

/**
 * The class an export stands for (`export class X`, `export default X` of a class), if it is one.
 * @example
 * classOf(ctx, ctx.exports.get('OrderRepository')!) // the ClassDeclaration
 */
export function classOf(ctx: ModuleContext, value: Node): Node | undefined {
  const binding = value.type === 'Identifier' ? ctx.resolve(value.name as string, value) : undefined;
  const cls = binding?.kind === 'class' ? binding.declaration : value;
  return cls.type === 'ClassDeclaration' || cls.type === 'ClassExpression' ? cls : undefined;
}

/** The functions an export starts from: the function itself, or every method of an exported class. */
function startsOf(ctx: ModuleContext, value: Node): Node[] {
  const fn = isFunction(value) ? value : ctx.functionOf(value);
  if (fn !== undefined) return [fn];
  // A class, or a module-level instance of one (`export const orders = new OrderService()`).
  const cls = classOf(ctx, value) ?? instanceClass(ctx, value);
  if (cls === undefined) return [];
  return classMethods(cls);
}

/**
 * For each exported function, the project imports it calls, itself or through module-local functions:
 * the edges the project pass follows when a handler reaches a helper several modules away
 * (`main.ts` handler -> `processQueue()` in orchestration.ts -> `enrichMessages()` in databaseClient.ts).
 *
 * @example
 * exportCalls(ctx) // { processQueue: [{ from: '/app/orchestration.ts', source: './databaseClient', name: 'enrichMessages' }] }
 */
export function exportCalls(ctx: ModuleContext): Record<string, ImportRef[]> {
  if (ctx.exports.size === 0) return {};
  const direct = new Map<Node, ImportRef[]>();
  const local = new Map<Node, Node[]>();
  const nested = new Map<Node, Node | undefined>();
  const add = <T>(map: Map<Node, T[]>, key: Node, value: T) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [value]);
    else list.push(value);
  };
  // A bare path may be a tsconfig alias or a `baseUrl` import (`src/core/index/post`): the project pass
  // keeps only the edges that name a scanned module, as for the handler's own calls.
  const project = new Set(ctx.projectImports);
  for (const [name, imp] of ctx.imports) if (mayBeProjectSource(imp.source)) project.add(name);
  const loads = folderLoadCalls(ctx);
  if (project.size === 0 && loads.length === 0) return {};
  // Each function is reached from the one it is nested in, walked once per function.
  const nest = (fn: Node) => {
    for (let inner = fn; !nested.has(inner); ) {
      const outer = ctx.enclosingFunction(inner);
      nested.set(inner, outer);
      if (outer === undefined) break;
      add(local, outer, inner);
      inner = outer;
    }
  };
  // A project function put in a table of functions (`{ chatFn: chatBedrock }`) is called through it.
  for (const prop of ctx.of('Property')) {
    const ref = tabledImport(ctx, prop);
    const fn = ref === undefined ? undefined : ctx.enclosingFunction(prop);
    if (fn !== undefined) add(direct, fn, ref as ImportRef);
    if (fn !== undefined) nest(fn);
  }
  // A function's call through a table of members (`ops[kind](item)` over `{ a: Svc.run }`): only a call
  // puts them on its path, since a member read alone is often a constant (js/tabledMembers.ts).
  for (const call of ctx.of('CallExpression')) {
    const fn = ctx.enclosingFunction(call);
    if (fn === undefined) continue;
    const refs = tableCallRefs(ctx, call);
    for (const ref of refs) add(direct, fn, ref);
    if (refs.length > 0) nest(fn);
  }
  // A method of a module picked from a folder loaded by computed path (js/folderLoads.ts).
  // A project instance held in a module-level value the function reads: a registry (js/heldInstances.ts).
  for (const { fn, ref } of [...loads, ...heldInstanceReads(ctx)]) {
    add(direct, fn, ref);
    nest(fn);
  }
  for (const call of [...ctx.of('CallExpression'), ...ctx.of('NewExpression')]) {
    const callee = unwrap(call.callee);
    // Cheap rejects first: a call of a project import, or of a module-local function.
    const head =
      callee?.type === 'Identifier'
        ? (callee.name as string)
        : callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'Identifier'
          ? ((unwrap(callee.object) as Node).name as string)
          : undefined;
    // `this.bav.send(...)`, `svc.save(...)` of a typed parameter: the receiver's class (js/memberClass.ts).
    const viaMember =
      callee?.type === 'MemberExpression' &&
      (head === undefined ? unwrap(callee.object)?.type === 'MemberExpression' : !project.has(head));
    if (head === undefined && !viaMember) continue;
    const ref =
      head !== undefined && project.has(head)
        ? projectCall(ctx, call, true)
        : viaMember
          ? projectCall(ctx, call)
          : undefined;
    const target =
      ref === undefined && callee?.type === 'Identifier' && ctx.resolve(head as string, callee) !== undefined
        ? ctx.functionOf(callee)
        : undefined;
    if (ref === undefined && target === undefined) continue;
    // The innermost function gets the call; each function is reached from the one it is nested in
    // (`ids.map(async (id) => helper(id))` inside an export), walked once per function.
    const fn = ctx.enclosingFunction(call);
    if (fn === undefined) continue;
    if (ref !== undefined) add(direct, fn, ref);
    else add(local, fn, target as Node);
    nest(fn);
  }
  // The project imports the functions from `starts` call, themselves or through module-local calls.
  const callsFrom = (starts: Node[], registers: ImportRef[]): ImportRef[] => {
    const seen = new Set<Node>(starts);
    const queue = [...starts];
    const refs = new Map<string, ImportRef>(registers.map((r) => [`${r.source}\0${r.name}`, r]));
    while (queue.length > 0) {
      const fn = queue.pop() as Node;
      for (const ref of direct.get(fn) ?? []) refs.set(`${ref.source}\0${ref.name}`, ref);
      for (const next of local.get(fn) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
    }
    return [...refs.values()];
  };
  // No prototype: an export named `__proto__` is an entry like any other, not the record's prototype.
  const out: Record<string, ImportRef[]> = Object.create(null);
  for (const [name, value] of ctx.exports) {
    // An `@Module` reaches what it registers; a class's registered part (js/registeredEntries.ts).
    const cls = classOf(ctx, value);
    const registers = cls === undefined ? [] : registeredByModule(ctx, cls);
    const registered = cls === undefined ? undefined : registeredStarts(cls);
    if (registered !== undefined || registers.length > 0) {
      const refs = callsFrom(registered ?? [], registers);
      if (refs.length > 0) out[`${name}${REGISTERED}`] = refs;
    }
    // An exported app or router reaches its routes and the routers mounted on it (js/mountedRoutes.ts).
    const routes = registrations(ctx, value);
    const refs = callsFrom([...startsOf(ctx, value), ...routes.starts], [...registers, ...routes.refs]);
    if (refs.length > 0) out[name] = refs;
  }
  return out;
}

/**
 * The names this module exports whose function contains `node` or reaches it through module-local calls
 * (a few calls deep); `withClasses`: also an exported class one of whose methods does (a handler that
 * constructs the class reaches its methods), and an export that builds such a class (`getSmsService()`
 * returning a cached `new SmsService()`: js/constructedClasses.ts). Callers looked up by name (callerNames.ts) leave classes out:
 * the class name is not a call of the method.
 *
 * @example
 * exportsReaching(ctx, catchClause) // ['handleDynamoDBStreamEvent', 'putQuotasForService']
 */
export function exportsReaching(ctx: ModuleContext, node: Node, withClasses = false): string[] {
  return rememberedReach(ctx, node, withClasses, (chain) => reachedFrom(ctx, chain, withClasses));
}

function reachedFrom(ctx: ModuleContext, chain: Node[], withClasses: boolean): string[] {
  const reaching = new Set<Node>(chain);
  const edges = localCallEdges(ctx);
  // A function building a module-local class reaches its methods (js/constructedClasses.ts).
  const builds = withClasses ? constructionEdges(ctx) : [];
  const reach = (fns: readonly Node[]) => {
    const before = reaching.size;
    for (const fn of fns) reaching.add(fn);
    return reaching.size > before;
  };
  for (let round = 0, grew = true; grew && round < 4; round++) {
    grew = false;
    for (const edge of edges) {
      if (!reaching.has(edge.target)) continue;
      edge.callers ??= enclosing(ctx, edge.call);
      if (reach(edge.callers)) grew = true;
    }
    for (const b of builds)
      if ([...b.methods].some((m) => reaching.has(m)) && reach(enclosing(ctx, b.site))) grew = true;
  }
  const names: string[] = [];
  for (const [name, value] of ctx.exports) {
    const starts = withClasses ? startsOf(ctx, value) : [isFunction(value) ? value : ctx.functionOf(value)];
    // A callback registered on an exported app or router runs for its requests (js/mountedRoutes.ts).
    starts.push(...registrations(ctx, value).starts);
    if (starts.some((fn) => fn !== undefined && reaching.has(fn))) names.push(name);
    // Reached from a method a framework registration starts (js/registeredEntries.ts).
    const cls = withClasses ? classOf(ctx, value) : undefined;
    const registered = cls === undefined ? undefined : registeredStarts(cls);
    if (registered?.some((fn) => reaching.has(fn))) names.push(`${name}${REGISTERED}`);
  }
  return names;
}
