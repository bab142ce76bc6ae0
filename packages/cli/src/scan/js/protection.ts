// Which resilience protections surround a piece of code: a call inside `policy.execute(...)`,
// `pRetry(...)`, `dep.fetch`, `new CircuitBreaker(fn)` or a project wrapper imported from another file.
import { calleeName, forEachDescendant, isFunction, memberPath, type Node, unwrap } from './ast.js';
import type { ImportRef, Protection } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { maySpell, namesWithin } from './namesWithin.js';
import { isRetryLoop } from './retryLoop.js';

export interface Cover {
  readonly kinds: Set<Protection>;
  /** Project imports that may add protections; resolved in the project pass. */
  readonly via: ImportRef[];
}

const ALL: readonly Protection[] = ['retry', 'breaker', 'timeout'];

export function emptyCover(): Cover {
  return { kinds: new Set(), via: [] };
}

function merge(into: Cover, from: Cover | undefined): void {
  if (from === undefined) return;
  for (const k of from.kinds) into.kinds.add(k);
  into.via.push(...from.via);
}

export function isRelative(source: string): boolean {
  return source.startsWith('.') || source.startsWith('/');
}

const COCKATIEL: Record<string, readonly Protection[]> = {
  retry: ['retry'],
  circuitBreaker: ['breaker'],
  timeout: ['timeout'],
};

const caches = new WeakMap<ModuleContext, Map<Node, Cover>>();

function cacheOf(ctx: ModuleContext): Map<Node, Cover> {
  let c = caches.get(ctx);
  if (c === undefined) {
    c = new Map();
    caches.set(ctx, c);
  }
  return c;
}

/** What a policy-like value provides to `value.execute(fn)`. Unknown values are assumed to protect fully. */
export function policyCover(ctx: ModuleContext, expr: Node | undefined, depth = 0): Cover {
  const cover = emptyCover();
  const v = ctx.valueOf(expr);
  if (v === undefined || depth > 5) return cover;
  if (v.type === 'Identifier') {
    const imp = ctx.importOf(v.name as string, v);
    if (imp !== undefined && isRelative(imp.source))
      cover.via.push({ from: ctx.file, source: imp.source, name: imp.imported });
    else for (const k of ALL) cover.kinds.add(k);
    return cover;
  }
  if (v.type === 'CallExpression') {
    const name = calleeName(v);
    const imp = ctx.importRoot(v.callee);
    if (name === 'wrapDependency') for (const k of ALL) cover.kinds.add(k);
    else if (imp?.source === 'cockatiel' && name !== undefined) {
      for (const k of COCKATIEL[name] ?? []) cover.kinds.add(k);
      if (name === 'wrap')
        for (const a of v.arguments as Node[]) merge(cover, policyCover(ctx, a, depth + 1));
    } else if (imp !== undefined && isRelative(imp.source)) {
      cover.via.push({ from: ctx.file, source: imp.source, name: imp.imported });
    } else for (const k of ALL) cover.kinds.add(k);
    return cover;
  }
  // Parameters, properties and other values we cannot see through: assume they protect.
  for (const k of ALL) cover.kinds.add(k);
  return cover;
}

/**
 * Protections a call applies to the code in its arguments, or undefined when the call is not a wrapper.
 * `pRetry(fn)`, `policy.execute(fn)`, `dep.execute(fn)`, `withDeadline(ctx, fn)`, `new CircuitBreaker(fn)`.
 */
export function wrapperCover(ctx: ModuleContext, call: Node, depth = 0): Cover | undefined {
  const callee = unwrap(call.callee);
  if (callee === undefined || depth > 4) return undefined;
  if (call.type === 'NewExpression') {
    const imp = ctx.importRoot(callee);
    if (imp?.source === 'opossum') return { kinds: new Set(['breaker', 'timeout']), via: [] };
    return undefined;
  }
  if (callee.type === 'Identifier') {
    const name = callee.name as string;
    const imp = ctx.importOf(name, callee);
    if (imp !== undefined) {
      if (imp.source === 'p-retry' || imp.source === 'async-retry' || imp.source === 'promise-retry')
        return { kinds: new Set(['retry']), via: [] };
      if (imp.source === 'exponential-backoff' && imp.imported === 'backOff')
        return { kinds: new Set(['retry']), via: [] };
      if (imp.source === 'p-timeout') return { kinds: new Set(['timeout']), via: [] };
      if (imp.source.startsWith('@bulwark/') && imp.imported === 'withDeadline')
        return { kinds: new Set(['timeout']), via: [] };
      if (isRelative(imp.source))
        return { kinds: new Set(), via: [{ from: ctx.file, source: imp.source, name: imp.imported }] };
      return undefined;
    }
    const fn = ctx.functionOf(callee);
    if (fn !== undefined) {
      const cover = functionCover(ctx, fn, depth + 1);
      return cover.kinds.size > 0 || cover.via.length > 0 ? cover : undefined;
    }
    return undefined;
  }
  if (callee.type === 'MemberExpression') {
    const method = calleeName(call);
    if (method === 'execute') return policyCover(ctx, callee.object);
    if (method === 'fire' || method === 'call') return undefined;
  }
  return undefined;
}

/**
 * What a function applies to the work it is given: wrapper calls and retry loops that run one of its
 * parameters (`function withRetry(fn) { return pRetry(fn, ...) }`). Work the function does for itself
 * does not make it a wrapper.
 */
export function functionCover(ctx: ModuleContext, fn: Node, depth = 0): Cover {
  const cache = cacheOf(ctx);
  const hit = cache.get(fn);
  if (hit !== undefined) return hit;
  const cover = emptyCover();
  cache.set(fn, cover);
  const params = new Set<string>();
  for (const p of fn.params as Node[]) {
    const id = p.type === 'AssignmentPattern' ? p.left : p;
    if (id?.type === 'Identifier') params.add(id.name as string);
  }
  if (params.size === 0) return cover;
  // A body that never spells a parameter cannot hand one on (most exported functions are not wrappers).
  if (!maySpell(ctx.source, fn.body, params)) return cover;
  const usesParam = namesWithin(fn.body as Node, params);
  forEachDescendant(fn.body, (n) => {
    // A call's arguments and a loop's body lie inside the node: where no parameter is named, nothing
    // below can hand one on, and the subtree is not walked. The rest is visited in the same order.
    if (!usesParam(n)) return false;
    if (
      (n.type === 'CallExpression' || n.type === 'NewExpression') &&
      (n.arguments as Node[]).some(usesParam)
    )
      merge(cover, wrapperCover(ctx, n, depth));
    else if (isRetryLoop(n) && usesParam(n.body)) cover.kinds.add('retry');
    return true;
  });
  return cover;
}

/** Names passed to wrappers (`pRetry(loadUser)`, `breaker = new CircuitBreaker(callApi)`), per module. */
const wrappedNamesCache = new WeakMap<ModuleContext, Map<string, Cover>>();

function wrappedNames(ctx: ModuleContext): Map<string, Cover> {
  let names = wrappedNamesCache.get(ctx);
  if (names !== undefined) return names;
  names = new Map();
  wrappedNamesCache.set(ctx, names);
  for (const type of ['CallExpression', 'NewExpression'] as const) {
    for (const call of ctx.of(type)) {
      const args = call.arguments as Node[];
      if (!args.some((a) => unwrap(a)?.type === 'Identifier' || unwrap(a)?.type === 'MemberExpression'))
        continue;
      const cover = wrapperCover(ctx, call);
      if (cover === undefined) continue;
      for (const a of args) {
        const path = memberPath(a)?.join('.');
        if (path === undefined) continue;
        const existing = names.get(path) ?? emptyCover();
        merge(existing, cover);
        names.set(path, existing);
      }
    }
  }
  return names;
}

function nameOfFunction(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration' && fn.id) return fn.id.name as string;
  const parent = ctx.parentOf(fn);
  if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
    return parent.id.name as string;
  if (
    (parent?.type === 'MethodDefinition' || parent?.type === 'PropertyDefinition') &&
    parent.key?.type === 'Identifier'
  )
    return `this.${parent.key.name as string}`;
  // A method of an object literal held by a const (`const parser = { parserCaller: async (url) => ... }`):
  // its callers call it as `parser.parserCaller(...)`, and a wrapper may be handed it by that path.
  if (
    parent?.type === 'Property' &&
    parent.value === fn &&
    !parent.computed &&
    parent.key?.type === 'Identifier'
  ) {
    const holder = ctx.parentOf(ctx.parentOf(parent) as Node);
    if (holder?.type === 'VariableDeclarator' && holder.id?.type === 'Identifier')
      return `${holder.id.name as string}.${parent.key.name as string}`;
  }
  return undefined;
}

/** Everything protecting `node`: enclosing wrapper calls, functions handed to wrappers, retry loops. */
export function coverAt(ctx: ModuleContext, node: Node, depth = 0): Cover {
  const cover = emptyCover();
  const names = wrappedNames(ctx);
  let child = node;
  for (let n = ctx.parentOf(node); n !== undefined; child = n, n = ctx.parentOf(n)) {
    if (
      (n.type === 'CallExpression' || n.type === 'NewExpression') &&
      (n.arguments as Node[]).includes(child)
    ) {
      merge(cover, wrapperCover(ctx, n));
    } else if (isFunction(n)) {
      const name = nameOfFunction(ctx, n);
      if (name !== undefined) {
        merge(cover, names.get(name));
        if (depth < 3) merge(cover, callersCover(ctx, n, name, depth + 1));
      }
    } else if (isRetryLoop(n)) cover.kinds.add('retry');
  }
  return cover;
}

/**
 * A module-local function is protected by what protects every place that calls it:
 * `pRetry(() => fetchProfile(id))` protects the fetch inside `fetchProfile`.
 */
function callersCover(ctx: ModuleContext, fn: Node, name: string, depth: number): Cover | undefined {
  if (name.startsWith('this.')) return undefined;
  const member = name.includes('.');
  const calls = ctx.of('CallExpression').filter((c) => {
    const callee = unwrap(c.callee);
    if (member) return callee?.type === 'MemberExpression' && memberPath(callee)?.join('.') === name;
    return callee?.type === 'Identifier' && callee.name === name && ctx.functionOf(callee) === fn;
  });
  if (calls.length === 0) return undefined;
  let common: Cover | undefined;
  for (const call of calls) {
    const c = coverAt(ctx, call, depth);
    if (common === undefined) common = { kinds: new Set(c.kinds), via: [...c.via] };
    else {
      for (const k of common.kinds) if (!c.kinds.has(k)) common.kinds.delete(k);
      common.via.push(...c.via);
    }
  }
  return common;
}

/** `a.b.c(...)` chains: the calls wrapped around `node` as the object of a member call (`req.timeout(5)`). */
export function chainedMethods(ctx: ModuleContext, node: Node): string[] {
  const methods: string[] = [];
  let n: Node = node;
  for (;;) {
    const parent = ctx.parentOf(n);
    if (parent?.type === 'MemberExpression' && parent.object === n) {
      const call = ctx.parentOf(parent);
      if (call?.type === 'CallExpression' && call.callee === parent) {
        const name = calleeName(call);
        if (name !== undefined) methods.push(name);
        n = call;
        continue;
      }
    }
    return methods;
  }
}
