// swallowed-error in a helper module: a "mark the work failed" step (`safeMarkFailed(id)`) whose catch only
// logs is called by the project only on paths that throw right after it (`await safeMarkFailed(id); throw new
// ServerError(...)`). The failure still reaches the caller as that throw: the request or message fails and
// is retried or alarmed on, and the lost status write is a second failure on the way out, as a log-only
// `.catch` before a rethrow is in its own module (js/rules/catchBeforeThrow.ts). Any other use of the name
// (a call followed by more work, a function handed on as a value) keeps the finding.

import { calleeName, forEachDescendant, type Node } from './js/ast.js';
import { ModuleContext } from './js/ModuleContext.js';
import { parseSource } from './js/parseSource.js';
import { throwsNext } from './js/rules/catchBeforeThrow.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/** Callers' modules parsed so far: a helper is usually shared by a few use-case modules. */
const contexts = new Map<string, ModuleContext | null>();

/** Parents under which naming the helper is no use of it: its import, re-export or declaration. */
const NAMING = new Set([
  'ImportSpecifier',
  'ImportDefaultSpecifier',
  'ExportSpecifier',
  'VariableDeclarator',
]);

/**
 * True when the project calls `names` (exports of `file`) at least once, and every mention of them in
 * `file` and its importers is a call whose statement is followed by a throw (catchBeforeThrow.ts
 * throwsNext: straight-line statements between, no try of the same function catching it).
 *
 * @example
 * // src/useCases/pay.ts: catch (err) { await safeMarkFailed(ctx, id); throw new PayError('retry') }
 * everyCallThrowsNext(project, '/app/src/utils/safeMarkFailed.ts', ['safeMarkFailed']) // true
 */
export function everyCallThrowsNext(project: Project, file: string, names: readonly string[]): boolean {
  if (names.length === 0 || names.includes('default')) return false;
  let calls = 0;
  for (const caller of new Set([file, ...project.eventCallers.mentioning(file, names)])) {
    const ctx = contextOf(caller);
    if (ctx === undefined) return false;
    const counted = throwingCalls(ctx, names, caller === file);
    if (counted === undefined) return false;
    calls += counted;
  }
  return calls > 0;
}

/** How many calls of `names` the module makes, each followed by a throw; undefined at any other use. */
function throwingCalls(ctx: ModuleContext, names: readonly string[], own: boolean): number | undefined {
  const ids: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'Identifier' && names.includes(n.name as string)) ids.push(n);
    return true;
  });
  let calls = 0;
  for (const id of ids) {
    const parent = ctx.parentOf(id);
    if (parent === undefined) return undefined;
    if (NAMING.has(parent.type) && (parent.type !== 'VariableDeclarator' || parent.id === id)) continue;
    if (own && (parent.type === 'FunctionDeclaration' || parent.type === 'Property')) continue;
    // `require('./x').safeMarkFailed` or `const { safeMarkFailed } = require('./x')`.
    if (parent.type === 'Property' && ctx.parentOf(parent)?.type === 'ObjectPattern') continue;
    const call = parent.type === 'MemberExpression' && parent.property === id ? ctx.parentOf(parent) : parent;
    const callee = parent.type === 'MemberExpression' && parent.property === id ? parent : id;
    if (call?.type !== 'CallExpression' || call.callee !== callee || calleeName(call) === undefined)
      return undefined;
    if (!throwsNext(ctx, call)) return undefined;
    calls++;
  }
  return calls;
}

function contextOf(file: string): ModuleContext | undefined {
  const cached = contexts.get(file);
  if (cached !== undefined) return cached ?? undefined;
  const text = readSource(file);
  let ctx: ModuleContext | undefined;
  if (text !== undefined) {
    const parsed = parseSource(file, text, { lang: /\.[cm]?tsx?$/.test(file) ? 'ts' : 'jsx' });
    if (!parsed.errors.some((e) => e.severity === 'Error'))
      ctx = new ModuleContext(file, text, parsed.program as unknown as Node, parsed.comments);
  }
  contexts.set(file, ctx ?? null);
  return ctx;
}
