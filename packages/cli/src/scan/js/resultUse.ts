// swallowed-error's "no data" judgement: a catch that answers undefined (or null) after failed I/O hides the
// failure only if a caller can take that answer for "nothing". A caller whose first use of the awaited
// result reads a property of it (`result.Items.length`, `config.length`), or destructures it
// (`const { Items } = await ...`), fails with a TypeError instead: the request or the invocation fails,
// nothing silently wrong comes out. When every caller, in this module
// and in its importers (joined in project.ts), reads the result that way, the catch is not reported.

import { testedAndFailed } from './answerTest.js';
import { answerWrapper, isFunction, memberPath, type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { inlineTestFails } from './inlineTest.js';
import { instanceCallee, memberMentions, methodCallers } from './instanceCalls.js';
import { type ModuleContext, mayBeProjectSource } from './ModuleContext.js';
import { factoryMethodName } from './serviceFactoryMethods.js';

// `console.log(...)`, `logger.info(...)`, and a project's bare `log(...)` / `logger(...)` function.
const LOG_LINE = /^\s*(?:(?:console|logger|log|this\.logger)\.\w+|log|logger)\(/;

/** One expression per name, compiled once: failsOnAnswer runs for every call of an imported function. */
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

/**
 * What a failure answer of `call` fails on in this caller: `'falsy'` when the caller tests the answer's
 * truth and fails on the failing side (a `false` answer fails there too), `'nullish'` when its first use
 * reads a property of it unguarded, destructures it or tests it for null and fails (only an undefined or
 * null answer fails there), `undefined` when the caller may go on with the answer as "nothing".
 */
export function failsOnAnswer(ctx: ModuleContext, call: Node): 'falsy' | 'nullish' | undefined {
  // `if (!(await verify(token))) throw ...`: the answer is tested where it is made (inlineTest.ts).
  if (inlineTestFails(ctx, call)) return 'falsy';
  const taken = takenAs(ctx, call);
  if (taken === 'read') return 'nullish';
  if (taken === undefined) return undefined;
  const { name, end } = taken;
  const scope = ctx.enclosingFunction(call) ?? ctx.program;
  // Text, not a walk: this runs for every call of an imported function. The first later mention decides.
  const after = ctx.source.slice(end, scope.end);
  const mentions = mentionsOf(name, after);
  let first = mentions.exec(after);
  // A log line (`console.log('orders', JSON.stringify(orders))`) only prints it: the next mention decides.
  while (first !== null && LOG_LINE.test(after.slice(after.lastIndexOf('\n', first.index) + 1, first.index)))
    first = mentions.exec(after);
  if (first === null) return undefined;
  // `if (x === null) throw ...` / `if (!x) throw ...`: the caller fails on the null answer itself.
  const before = after.slice(0, first.index);
  const rest = after.slice(first.index + first[0].length - (first[1]?.length ?? 0));
  if (
    /\bif\s*\(\s*!?\s*$/.test(before) &&
    /^\s*(?:===?\s*(?:null|undefined)\s*)?\)\s*\{?\s*throw\b/.test(rest)
  )
    return /!\s*$/.test(before) ? 'falsy' : 'nullish';
  // `if (sheet) { ... } else { res.status(500)... }`: the test's failing side fails the work (answerTest.ts).
  if (first[2] === undefined && /\bif\s*\(\s*!?\s*$/.test(before))
    return testedAndFailed(scope, name, end + first.index);
  if (first[2] !== undefined) return first[2] !== '?.' ? 'nullish' : undefined;
  // `const { deposits, withdrawals } = txs;`: destructuring an undefined answer throws as a read does.
  if (/\}\s*=\s*$/.test(before)) return 'nullish';
  return passedToReader(ctx, call, before) ? 'nullish' : undefined;
}

/**
 * Where the caller keeps the awaited answer: `'read'` when it is read or destructured at once, the variable
 * it is declared or assigned to (and where that statement ends), also as a branch of a `?:`, or undefined. An answer awaited through
 * `Promise.all([...])` and taken apart by position is kept in that position's element
 * (`const [passes, reservation] = await Promise.all([getPasses(d), getReservation(d)])`).
 */
export function takenAs(ctx: ModuleContext, call: Node): 'read' | { name: string; end: number } | undefined {
  let { node, parent } = ctx.climb(call, answerWrapper);
  // `const raw = fmt === 'pdf' ? await toPdf(p) : await toXlsx(p)`: either branch's answer is the variable's.
  while (parent?.type === 'ConditionalExpression' && parent.test !== node)
    ({ node, parent } = ctx.climb(parent, answerWrapper));
  let position: number | undefined;
  if (parent?.type === 'ArrayExpression') {
    const all = ctx.parentOf(parent);
    const path = all?.type === 'CallExpression' ? memberPath(all.callee as Node)?.join('.') : undefined;
    if (path !== 'Promise.all' || all === undefined || (all.arguments as Node[])[0] !== parent)
      return undefined;
    position = (parent.elements as Node[]).indexOf(node);
    ({ node, parent } = ctx.climb(all, answerWrapper));
  }
  if (parent?.type === 'MemberExpression')
    return position === undefined && parent.object === node && parent.optional !== true ? 'read' : undefined;
  let target: Node | undefined;
  if (parent?.type === 'VariableDeclarator' && parent.init === node) target = parent.id as Node;
  else if (parent?.type === 'AssignmentExpression' && parent.right === node && parent.operator === '=')
    target = parent.left as Node;
  if (target !== undefined && position !== undefined)
    target =
      target.type === 'ArrayPattern'
        ? ((target.elements as (Node | null)[])[position] ?? undefined)
        : undefined;
  // `const { schemaObject } = await getSchema(name)`: destructuring undefined or null throws a TypeError.
  if (target !== undefined && /^(Object|Array)Pattern$/.test(target.type)) return 'read';
  if (target?.type !== 'Identifier' || parent === undefined) return undefined;
  return { name: target.name as string, end: parent.end as number };
}

/**
 * The first use hands the result to a function of this module whose own first use of that parameter reads
 * a property of it (`const orders = await getOrders(drink); calculate(orders)`, and `calculate` starts with
 * `orders.sort(...)`, or destructures it, `const { deposits } = activity`): the TypeError comes one call
 * later, still before anything passes for "nothing".
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
  const text = ctx.source.slice(body.start, body.end);
  const use = new RegExp(`(?<![\\w$.])${name}(?![\\w$])(\\s*(\\?\\.|\\.|\\[))?`).exec(text);
  // `const { deposits, withdrawals } = activity;` first: destructuring undefined throws as a read does.
  if (use !== null && /\}\s*=\s*$/.test(text.slice(0, use.index))) return true;
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

/**
 * Imported functions this module calls, whether every call fails on an undefined or null answer (`reads`,
 * see above) and whether every call fails on any falsy answer (`tests`: it tests the answer and fails).
 */
export function importResultUses(ctx: ModuleContext): { ref: ImportRef; reads: boolean; tests?: boolean }[] {
  const uses = new Map<string, { ref: ImportRef; reads: boolean; tests?: boolean }>();
  // Calls of a method through an instance, per name: the module must name it nowhere else (instanceCalls.ts).
  const methods = new Map<string, { keys: Set<string>; calls: number }>();
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    let { source, name } = importedCallee(ctx, callee) ?? {};
    if (source === undefined) {
      ({ source, name } = instanceCallee(ctx, callee) ?? {});
      const method = name === undefined ? undefined : (methods.get(name) ?? { keys: new Set(), calls: 0 });
      if (method !== undefined && name !== undefined && source !== undefined) {
        method.keys.add(`${source}\0${name}`);
        method.calls++;
        methods.set(name, method);
      }
    }
    // Relative imports, and the project's own aliases and workspace packages: the resolver decides.
    // A bare path may be a tsconfig alias or a `baseUrl` import: the project pass keys it by the module it names.
    if (source === undefined || name === undefined || !mayBeProjectSource(source)) continue;
    const key = `${source}\0${name}`;
    const known = uses.get(key);
    // A name one call already does not read stays so: the later calls need not be read.
    const fails = known?.reads === false ? undefined : failsOnAnswer(ctx, call);
    const reads = fails !== undefined;
    const tests = (known?.tests ?? true) && fails === 'falsy';
    uses.set(key, { ref: { from: ctx.file, source, name }, reads, ...(tests ? { tests } : {}) });
  }
  // `const svc = accounts; svc.create(x)`: a naming not read as a call may go on with any answer.
  for (const [name, { keys, calls }] of methods) {
    if (memberMentions(ctx, name) === calls) continue;
    for (const key of keys) {
      const use = uses.get(key);
      if (use !== undefined) uses.set(key, { ref: use.ref, reads: false });
    }
  }
  return [...uses.values()];
}

/**
 * For the function around a catch: `'all-read'` when it is not exported and every call of it in this module
 * fails on its failure answer (`nullish`: undefined or null, which a property read fails on; `falsy`: also
 * `false`, which only a test of the answer fails on); when it is exported and local calls (if any) all fail
 * on it, the export names to ask the importers about, and whether local calls exist (they settle it when
 * no other module calls it); for a class method the module names only in such calls, its name, asked of
 * the importers that call it through an instance (instanceCalls.ts); `undefined` when some caller may take
 * the answer for "nothing" (or none is in sight).
 */
export function callersRead(
  ctx: ModuleContext,
  at: Node,
  answer: 'nullish' | 'falsy' = 'nullish',
): 'all-read' | { names: string[]; local: boolean; method?: true } | undefined {
  const fn = ctx.enclosingFunction(at);
  if (fn === undefined) return undefined;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier' || ctx.functionOf(callee) !== fn) continue;
    // A recursive call hands its answer to the same function's callers.
    if (ctx.enclosingFunction(call) === fn) continue;
    calls++;
    const fails = failsOnAnswer(ctx, call);
    if (fails === undefined || (answer === 'falsy' && fails !== 'falsy')) return undefined;
  }
  const exported: string[] = [];
  for (const [name, value] of ctx.exports) {
    const v = isFunction(value) ? value : ctx.functionOf(value);
    if (v === fn) exported.push(name);
  }
  if (exported.length > 0) return { names: exported, local: calls > 0 };
  // A function an exported service factory hands out in its object: a method to its callers elsewhere.
  const method = factoryMethodName(ctx, fn);
  if (method !== undefined) return { names: [method], local: calls > 0, method: true };
  if (calls > 0) return 'all-read';
  // A class method: its callers reach it through an instance, here (`this.m()`) or in importers.
  return methodCallers(ctx, fn, answer);
}

/**
 * The conditions a candidate carries when its callers elsewhere decide (callersRead's answer): the export
 * names to ask about, and how.
 */
export function readersCondition(
  readers: ReturnType<typeof callersRead>,
  answer: 'nullish' | 'falsy' = 'nullish',
): { unlessCallersRead?: string[]; callersReadAs?: { falsy?: true; local?: true; method?: true } } {
  if (readers === undefined || readers === 'all-read') return {};
  const how = {
    ...(answer === 'falsy' ? { falsy: true as const } : {}),
    ...(readers.local ? { local: true as const } : {}),
    ...(readers.method === true ? { method: true as const } : {}),
  };
  return { unlessCallersRead: readers.names, ...(Object.keys(how).length > 0 ? { callersReadAs: how } : {}) };
}
