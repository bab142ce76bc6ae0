// Where a client held in a name comes from: the constructions it can end in, followed through the
// functions that hand it out. A project most often builds its HTTP or SDK clients in one factory
// (`createOctoClient(token)` in github/auth.ts: `return new Octokit({ auth })`) and reaches them through
// getters that memoise the factory's answer (`let c = cache.get('client'); if (!c) { c = createOctoClient(t);
// cache.set('client', c) } return c`, or `return (_client ??= new S3Client({}))`). The bound of every
// request on such a client is decided by the construction at the end of that chain, so the chain is
// followed: a name's declared value and every value the module assigns it, the returns of a function of the
// module that is called (awaited or not), both sides of `??`, `||`, `?:` and `??=`, and a read of a cache
// (`cache.get(key)`) through what the module stores in that cache (`cache.set(key, client)`). A call of a
// function another project module exports ends the walk here: the project pass asks that module the same
// question (ExportFact.octokitReturn, importedOctokit.ts). A value the walk cannot read (a parameter, a
// package's call) leaves the client unknown: the benefit of the doubt.
import { memberPath, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { assignedValues } from './lateAssigned.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import type { Binding } from './moduleIndex.js';
import { returnedValues } from './returnedValues.js';

/** What a client comes to: built here (and whether it may be bounded), or handed out by project imports. */
export type ClientEnd = { readonly timed: boolean } | { readonly via: readonly ImportRef[] };

/** Whether a construction is a client of the kind asked about: its bound (true: may be bounded), or undefined. */
export type JudgeBuild = (built: Node) => boolean | undefined;

// An end of the walk: a construction, a project import's answer, or nothing new (a memo read, `null`).
type End = { timed: boolean } | { via: ImportRef } | 'memo';

const MAX_DEPTH = 8;

/**
 * The construction(s) `value` ends in, summarised: untimed when any construction it can end in may not be
 * bounded (a caller can be handed that one); else the project imports still to ask, if any; else timed.
 * Undefined when some path leads to a value the walk cannot read, or to no construction at all.
 *
 * @example
 * // const client = await getGithubClient(metrics), getGithubClient memoising createOctoClient(...) (imported)
 * clientProvenance(ctx, clientRef, judge) // { via: [{ from, source: './gh-auth', name: 'createOctoClient' }] }
 */
export function clientProvenance(ctx: ModuleContext, value: Node, judge: JudgeBuild): ClientEnd | undefined {
  const ends = endsOf(ctx, value, judge, new Set(), 0);
  return ends === undefined ? undefined : summarise(ends);
}

/** The same, for what a function returns (a factory's or a getter's answer). */
export function returnedProvenance(ctx: ModuleContext, fn: Node, judge: JudgeBuild): ClientEnd | undefined {
  const ends = returnedEnds(ctx, fn, judge, new Set(), 0);
  return ends === undefined ? undefined : summarise(ends);
}

function summarise(ends: readonly End[]): ClientEnd | undefined {
  const built = ends.filter((e): e is { timed: boolean } => e !== 'memo' && 'timed' in e);
  if (built.some((e) => !e.timed)) return { timed: false };
  const via: ImportRef[] = [];
  for (const e of ends)
    if (e !== 'memo' && 'via' in e && !via.some((v) => v.source === e.via.source && v.name === e.via.name))
      via.push(e.via);
  if (via.length > 0) return { via };
  return built.length > 0 ? { timed: true } : undefined;
}

/** Every end of each value; undefined as soon as one cannot be read. */
function all(
  ctx: ModuleContext,
  values: readonly (Node | undefined)[],
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  const out: End[] = [];
  for (const v of values) {
    const ends = endsOf(ctx, v, judge, seen, depth);
    if (ends === undefined) return undefined;
    out.push(...ends);
  }
  return out;
}

function returnedEnds(
  ctx: ModuleContext,
  fn: Node,
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  if (seen.has(fn)) return ['memo'];
  seen.add(fn);
  const returned = returnedValues(fn);
  return returned === undefined ? undefined : all(ctx, returned, judge, seen, depth + 1);
}

function endsOf(
  ctx: ModuleContext,
  node: Node | undefined,
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  let v = unwrap(node);
  if (v?.type === 'AwaitExpression') v = unwrap(v.argument as Node);
  if (v === undefined || depth > MAX_DEPTH) return undefined;
  switch (v.type) {
    case 'NewExpression': {
      const timed = judge(v);
      return timed === undefined ? undefined : [{ timed }];
    }
    // `null` and `undefined`: the empty memo before the first build, no client.
    case 'Literal':
      return v.value === null ? ['memo'] : undefined;
    case 'LogicalExpression':
      return all(ctx, [v.left as Node, v.right as Node], judge, seen, depth + 1);
    case 'ConditionalExpression':
      return all(ctx, [v.consequent as Node, v.alternate as Node], judge, seen, depth + 1);
    // `_client ??= new S3Client({})`: the name's other values are its own memo.
    case 'AssignmentExpression':
      return all(ctx, [v.left as Node, v.right as Node], judge, seen, depth + 1);
    case 'Identifier':
      return identifierEnds(ctx, v, judge, seen, depth);
    case 'CallExpression':
      return callEnds(ctx, v, judge, seen, depth);
    default:
      return undefined;
  }
}

function identifierEnds(
  ctx: ModuleContext,
  id: Node,
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  if (id.name === 'undefined' && ctx.isGlobal('undefined', id)) return ['memo'];
  const binding = ctx.resolve(id.name as string, id);
  if (binding === undefined || !['const', 'let', 'var'].includes(binding.kind)) return undefined;
  if (seen.has(binding)) return ['memo'];
  seen.add(binding);
  const assigned = binding.kind === 'const' ? [] : assignedValues(ctx, binding);
  if (assigned === undefined) return undefined;
  const values = binding.init === undefined ? assigned : [binding.init, ...assigned];
  return values.length === 0 ? undefined : all(ctx, values, judge, seen, depth + 1);
}

function callEnds(
  ctx: ModuleContext,
  call: Node,
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'Identifier') {
    const fn = ctx.functionOf(callee);
    if (fn !== undefined) return returnedEnds(ctx, fn, judge, seen, depth);
    const imp = ctx.importOf(callee.name as string, callee);
    if (imp === undefined || imp.imported === '*' || !mayBeProjectSource(imp.source)) return undefined;
    return [{ via: { from: ctx.file, source: imp.source, name: imp.imported } }];
  }
  if (
    callee?.type === 'MemberExpression' &&
    propertyName(callee.property as Node, callee.computed as boolean) === 'get'
  )
    return cacheEnds(ctx, callee.object as Node, judge, seen, depth);
  return undefined;
}

/**
 * `cache.get(key)`: what the module stores in the same cache (`cache.set(key, client)`, the cache named by
 * the same member path). A cache the module never fills is out of sight.
 */
function cacheEnds(
  ctx: ModuleContext,
  cache: Node,
  judge: JudgeBuild,
  seen: Set<Binding | Node>,
  depth: number,
): End[] | undefined {
  const path = memberPath(unwrap(cache))?.join('.');
  if (path === undefined) return undefined;
  const stored: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee as Node);
    if (callee?.type !== 'MemberExpression') continue;
    if (propertyName(callee.property as Node, callee.computed as boolean) !== 'set') continue;
    if (memberPath(unwrap(callee.object as Node))?.join('.') !== path) continue;
    const value = (call.arguments as Node[])[1];
    if (value !== undefined) stored.push(value);
  }
  return stored.length === 0 ? undefined : all(ctx, stored, judge, seen, depth + 1);
}
