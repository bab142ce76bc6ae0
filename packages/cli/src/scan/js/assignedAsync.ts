// Async functions assigned onto an object (`console.logError = async (e) => { ... }`, `utils.notify =
// async () => ...`) and called through it. No import names the function, so what the call answers is
// known only from the assignment: in this module, or, for a global object, in a module this one loads
// (a side-effect `import './services/logger'` that installs it). floating-promise asks both.
import { importSources } from '../callerText.js';
import { isFunction, type Node, propertyName, returnsPromise, unwrap } from './ast.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { settledOnReturn } from './rules/settledAsync.js';

/** A call through a global object whose member another module may have made async. */
export interface GlobalMemberCall {
  /** `console.logError` */
  readonly path: string;
  /** The project modules this one loads, where the assignment may be. */
  readonly sources: readonly string[];
}

/** `O.m` of a member expression whose object is a plain name, with the binding that name resolves to. */
function memberOf(ctx: ModuleContext, node: Node | undefined) {
  const m = unwrap(node);
  if (m?.type !== 'MemberExpression') return undefined;
  const object = unwrap(m.object as Node);
  const name = propertyName(m.property as Node, m.computed as boolean);
  if (object?.type !== 'Identifier' || name === undefined) return undefined;
  const objectName = object.name as string;
  // `exports.run = async ...` is the module's export: the export passes judge calls of it.
  if (objectName === 'exports' || objectName === 'module') return undefined;
  return { objectName, name, binding: ctx.resolve(objectName, object) };
}

/** The `O.m = <async function>` assignments of the module (at any depth), as written; read once per module. */
function asyncAssignments(ctx: ModuleContext): { left: Node; right: Node }[] {
  const cached = ASSIGNED.get(ctx);
  if (cached !== undefined) return cached;
  const out: { left: Node; right: Node }[] = [];
  ASSIGNED.set(ctx, out);
  for (const stmt of ctx.of('ExpressionStatement')) {
    const e = unwrap(stmt.expression as Node);
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    const fn = ctx.valueOf(e.right as Node);
    // An async function that awaits nothing has settled when the call returns (as for a plain function).
    if (fn !== undefined && isFunction(fn) && returnsPromise(fn) && !settledOnReturn(fn))
      out.push({ left: e.left as Node, right: fn });
  }
  return out;
}

const ASSIGNED = new WeakMap<ModuleContext, { left: Node; right: Node }[]>();

/**
 * Members of global objects this module makes async functions (`console.logError = async ...`): any module
 * loading this one calls a promise through them.
 *
 * @example
 * assignedAsyncGlobals(ctx) // console.logError = async (e) => { ... } -> ['console.logError']
 */
export function assignedAsyncGlobals(ctx: ModuleContext): string[] {
  if (!ctx.spells('async') && !ctx.spells('Promise')) return [];
  const out = new Set<string>();
  for (const { left } of asyncAssignments(ctx)) {
    const m = memberOf(ctx, left);
    if (m !== undefined && m.binding === undefined) out.add(`${m.objectName}.${m.name}`);
  }
  return [...out];
}

/**
 * What a call `O.m(...)` answers when `m` was assigned onto `O`: `true` when this module assigns it an
 * async function (on the same binding of `O`), a global member whose async-ness the project pass settles
 * from the modules this one loads, or undefined.
 *
 * @example
 * assignedAsyncCall(ctx, callee) // utils.notify of `utils.notify = async () => ...` in this module -> true
 * assignedAsyncCall(ctx, callee) // console.logError with `import './services/logger'` -> { path, sources }
 */
export function assignedAsyncCall(
  ctx: ModuleContext,
  callee: Node | undefined,
): true | GlobalMemberCall | undefined {
  const m = memberOf(ctx, callee);
  if (m === undefined) return undefined;
  if (!ctx.spells(`.${m.name}`)) return undefined;
  for (const { left } of asyncAssignments(ctx)) {
    const a = memberOf(ctx, left);
    if (a?.objectName === m.objectName && a.name === m.name && a.binding === m.binding) return true;
  }
  if (m.binding !== undefined) return undefined;
  // Globals the runtime defines answer what their spec says; only a member the project adds is asked.
  const builtIn = BUILT_IN.has(m.objectName)
    ? (globalThis as unknown as Record<string, object>)[m.objectName]
    : undefined;
  if (builtIn !== undefined && m.name in builtIn) return undefined;
  const sources = loadedSources(ctx.source).filter(mayBeProjectSource);
  return sources.length > 0 ? { path: `${m.objectName}.${m.name}`, sources } : undefined;
}

const BUILT_IN = new Set(['console', 'process', 'JSON', 'Math', 'Object', 'Array', 'Promise', 'Date']);

const SIDE_EFFECT_IMPORT = /\bimport\s*['"]([^'"\n]+)['"]/g;

/** Every module source the text loads: imports, requires and bare side-effect imports. */
function loadedSources(text: string): string[] {
  const bare = [...text.matchAll(SIDE_EFFECT_IMPORT)].map((m) => m[1] as string);
  return [...new Set([...bare, ...importSources(text)])];
}
