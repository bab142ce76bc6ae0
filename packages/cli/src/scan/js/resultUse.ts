// swallowed-error's "no data" judgement: a catch that answers undefined (or null) after failed I/O hides the
// failure only if a caller can take that answer for "nothing". A caller whose first use of the awaited
// result reads a property of it (`result.Items.length`, `config.length`), or destructures it
// (`const { Items } = await ...`), fails with a TypeError instead: the request or the invocation fails,
// nothing silently wrong comes out. When every caller, in this module
// and in its importers (joined in project.ts), reads the result that way, the catch is not reported.
import { isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

const LOG_LINE = /^\s*(?:console|logger|log|this\.logger)\.\w+\(/;

/** One expression per name, compiled once: readsResult runs for every call of an imported function. */
const MENTIONS = new Map<string, RegExp>();

/**
 * Mentions of the identifier `name`, each with the member access after it, searched from its first
 * occurrence in `text` (found with a plain search: the expression starts with a lookbehind, which V8 tries
 * at every position of a text that may run to the end of the module). Its lookbehind still reads the
 * character before that occurrence, so the matches are those of a search from the start.
 */
function mentionsOf(name: string, text: string): RegExp {
  let re = MENTIONS.get(name);
  if (re === undefined) {
    re = new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])(\\s*(\\?\\.|\\.|\\[))?`, 'g');
    MENTIONS.set(name, re);
  }
  const at = text.indexOf(name);
  // No occurrence: start past the end, and the search finds nothing.
  re.lastIndex = at === -1 ? text.length + 1 : at;
  return re;
}

/** Does the caller's first use of this call's awaited result read a property of it, unguarded? */
export function readsResult(ctx: ModuleContext, call: Node): boolean {
  const { node, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  if (parent?.type === 'MemberExpression') return parent.object === node && parent.optional !== true;
  // `const { schemaObject } = await getSchema(name)`: destructuring undefined or null throws a TypeError.
  if (
    parent?.type === 'VariableDeclarator' &&
    parent.init === node &&
    /^(Object|Array)Pattern$/.test(parent.id?.type)
  )
    return true;
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return false;
  const name = parent.id.name as string;
  const scope = ctx.enclosingFunction(call) ?? ctx.program;
  // Text, not a walk: this runs for every call of an imported function. The first later mention decides.
  const after = ctx.source.slice(parent.end, scope.end);
  const mentions = mentionsOf(name, after);
  let first = mentions.exec(after);
  // A log line (`console.log('orders', JSON.stringify(orders))`) only prints it: the next mention decides.
  while (first !== null && LOG_LINE.test(after.slice(after.lastIndexOf('\n', first.index) + 1, first.index)))
    first = mentions.exec(after);
  if (first === null) return false;
  // `if (x === null) throw ...` / `if (!x) throw ...`: the caller fails on the null answer itself.
  const before = after.slice(0, first.index);
  const rest = after.slice(first.index + first[0].length - (first[1]?.length ?? 0));
  if (
    /\bif\s*\(\s*!?\s*$/.test(before) &&
    /^\s*(?:===?\s*(?:null|undefined)\s*)?\)\s*\{?\s*throw\b/.test(rest)
  )
    return true;
  if (first[2] !== undefined) return first[2] !== '?.';
  return passedToReader(ctx, call, before);
}

/**
 * The first use hands the result to a function of this module whose own first use of that parameter reads
 * a property of it (`const orders = await getOrders(drink); calculate(orders)`, and `calculate` starts with
 * `orders.sort(...)`): the TypeError comes one call later, still before anything passes for "nothing".
 */
function passedToReader(ctx: ModuleContext, call: Node, before: string): boolean {
  const m = /(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(([^()]*,)?\s*$/.exec(before);
  if (m === null) return false;
  const fn = unwrap(ctx.resolve(m[1] as string, call)?.init);
  if (fn === undefined || !isFunction(fn)) return false;
  const param = (fn.params as Node[])[(m[2]?.match(/,/g) ?? []).length];
  if (param?.type !== 'Identifier') return false;
  const name = (param.name as string).replace(/\$/g, '\\$');
  const body = fn.body as Node;
  const use = new RegExp(`(?<![\\w$.])${name}(?![\\w$])(\\s*(\\?\\.|\\.|\\[))?`).exec(
    ctx.source.slice(body.start, body.end),
  );
  return use?.[2] !== undefined && use[2] !== '?.';
}

/**
 * What a call's callee names among the module's imports: `fn()` of a named import, or `ns.fn()` /
 * `mod.fn()` of a namespace or default import. Undefined for anything else.
 *
 * @example importedCallee(ctx, unwrap(call.callee)) // { source: './db', name: 'putItem' } for db.putItem()
 */
export function importedCallee(
  ctx: ModuleContext,
  callee: Node | undefined,
): { source: string; name: string | undefined } | undefined {
  if (callee?.type === 'Identifier') {
    const imp = ctx.importOf(callee.name as string, callee);
    return imp !== undefined && imp.imported !== '*' ? { source: imp.source, name: imp.imported } : undefined;
  }
  if (callee?.type === 'MemberExpression' && unwrap(callee.object)?.type === 'Identifier') {
    const object = unwrap(callee.object) as Node;
    const imp = ctx.importOf(object.name as string, object);
    if (imp !== undefined && (imp.imported === '*' || imp.imported === 'default'))
      return { source: imp.source, name: propertyName(callee.property, callee.computed as boolean) };
  }
  return undefined;
}

/** Imported functions this module calls, and whether every call reads the awaited result (see above). */
export function importResultUses(ctx: ModuleContext): { ref: ImportRef; reads: boolean }[] {
  const uses = new Map<string, { ref: ImportRef; reads: boolean }>();
  for (const call of ctx.of('CallExpression')) {
    const { source, name } = importedCallee(ctx, unwrap(call.callee)) ?? {};
    // Relative imports, and the project's own aliases and workspace packages: the resolver decides.
    if (source === undefined || name === undefined || !isProjectSource(source)) continue;
    const key = `${source}\0${name}`;
    // A name one call already does not read stays so: the later calls need not be read.
    const reads = (uses.get(key)?.reads ?? true) && readsResult(ctx, call);
    uses.set(key, { ref: { from: ctx.file, source, name }, reads });
  }
  return [...uses.values()];
}

/**
 * For the function around a catch: `'all-read'` when it is not exported and every call of it in this module
 * reads its result; the export names to ask the importers about when it is exported and local calls (if any)
 * all read it; `undefined` when some caller may take undefined for "nothing" (or none is in sight).
 */
export function callersRead(ctx: ModuleContext, at: Node): 'all-read' | string[] | undefined {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return undefined;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    calls++;
    if (!readsResult(ctx, call)) return undefined;
  }
  const exported: string[] = [];
  for (const [name, value] of ctx.exports) {
    const v = isFunction(value) ? value : ctx.functionOf(value);
    if (v === fn) exported.push(name);
  }
  if (exported.length > 0) return exported;
  return calls > 0 ? 'all-read' : undefined;
}
