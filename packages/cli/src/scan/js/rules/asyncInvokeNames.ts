// Functions the project's own code invokes asynchronously by name: `new InvokeCommand({ FunctionName:
// `svc-${stage}-notify`, InvocationType: 'Event' })` (or aws-sdk v2's `lambda.invoke({...})`), and the
// usual project helper around it, `invokeLambda(name, type, payload)` building `svc-${stage}-${name}`,
// called as `invokeLambda('notify', 'Event', body)`. Each name is kept as a pattern, `*` for what only the
// deploy decides (`${stage}`); the project pass (invokedFunctions.ts) joins them to the functions a
// serverless.ts names that way. Names read from `process.env` are asyncInvokeEnv.ts's.
import { memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { InvokeHelper } from '../invokeFacts.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Rule } from './Report.js';

/** Marks a helper's parameter in a name template: `\u0001` and the parameter's index. */
export const PARAM = '\u0001';

/** `'Event'` or the SDK's `InvocationType.Event`. */
function isEvent(node: Node | undefined): boolean {
  const n = unwrap(node);
  return stringValue(n) === 'Event' || (n?.type === 'MemberExpression' && memberPath(n)?.at(-1) === 'Event');
}

/** The parameter names of a function, by position (only plain identifiers). */
export function paramNames(fn: Node | undefined): (string | undefined)[] {
  return ((fn?.params as Node[] | undefined) ?? []).map((p) => {
    const n = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    return n.type === 'Identifier' ? (n.name as string) : undefined;
  });
}

/**
 * The name a `FunctionName` value spells, `*` for a part the code computes and PARAM+index for a
 * parameter of the enclosing helper; undefined for an environment variable or anything else unread.
 */
function namePattern(
  ctx: ModuleContext,
  node: Node | undefined,
  params: (string | undefined)[],
): string | undefined {
  const raw = unwrap(node);
  const param = raw?.type === 'Identifier' ? params.indexOf(raw.name as string) : -1;
  if (param !== -1) return `${PARAM}${param}`;
  const n = unwrap(ctx.valueOf(raw));
  if (n?.type !== 'TemplateLiteral') return stringValue(n);
  const quasis = n.quasis as Node[];
  const exprs = n.expressions as Node[];
  return quasis
    .map((q, i) => {
      const e = unwrap(exprs[i]);
      if (e === undefined) return q.value.cooked ?? '';
      const at = e.type === 'Identifier' ? params.indexOf(e.name as string) : -1;
      return `${q.value.cooked ?? ''}${at === -1 ? '*' : `${PARAM}${at}`}`;
    })
    .join('');
}

/**
 * A name looked up in a table the module spells by the helper's parameter, `lambdaFunctionNames[key]` with
 * `const lambdaFunctionNames = { notify: \`svc-${STAGE}-notify\` }`: each entry's name pattern under its
 * key, and the parameter that picks one. Undefined for any other `FunctionName`.
 */
function tabledNames(
  ctx: ModuleContext,
  node: Node | undefined,
  params: (string | undefined)[],
): { param: number; entries: [string, string][] } | undefined {
  const lookup = unwrap(node);
  if (lookup?.type !== 'MemberExpression' || lookup.computed !== true) return undefined;
  const key = unwrap(lookup.property as Node);
  const param = key?.type === 'Identifier' ? params.indexOf(key.name as string) : -1;
  const table = param === -1 ? undefined : objectProps(ctx.valueOf(lookup.object as Node));
  if (table === undefined) return undefined;
  const entries: [string, string][] = [];
  for (const [k, v] of table.props) {
    const name = namePattern(ctx, v, []);
    if (name !== undefined) entries.push([k, name]);
  }
  return { param, entries };
}

/**
 * The function whose parameter names the invoked function: the nearest enclosing one, or an outer one when
 * the call sits in a callback inside it (`new Promise((resolve) => lambda.invoke({ FunctionName: name }))`).
 */
export function helperOf(ctx: ModuleContext, at: Node, name: Node | undefined): Node | undefined {
  const nearest = ctx.enclosingFunction(at);
  const id = unwrap(name);
  if (id?.type !== 'Identifier') return nearest;
  for (let fn = nearest, depth = 0; fn !== undefined && depth < 4; fn = ctx.enclosingFunction(fn), depth++)
    if (paramNames(fn).includes(id.name as string)) return fn;
  return nearest;
}

/** The name a declared function is called by (`function f`, `const f = async () => ...`). */
export function helperName(ctx: ModuleContext, fn: Node): string | undefined {
  if (fn.type === 'FunctionDeclaration') return (fn.id as Node | undefined)?.name as string | undefined;
  const { parent } = ctx.climb(fn, (p) => p.type.startsWith('TS') || p.type === 'ParenthesizedExpression');
  const holder = parent ?? ctx.parentOf(fn);
  return holder?.type === 'VariableDeclarator' && (holder.id as Node).type === 'Identifier'
    ? ((holder.id as Node).name as string)
    : undefined;
}

/** A helper that invokes by a name built from its parameters, and which parameter is the invocation type. */
type Helper = InvokeHelper;

/**
 * The name a helper call invokes asynchronously: the template with the call's literal arguments in place,
 * or undefined when its type argument is not `'Event'` or a parameter the template needs is not a literal.
 * @example
 * calledName({ name: 'invoke', template: 'svc-*-\u00010', typeParam: 1 }, ['notify', 'Event']) // 'svc-*-notify'
 */
export function calledName(
  helper: Pick<InvokeHelper, 'template' | 'typeParam' | 'key'>,
  args: readonly (string | null)[],
): string | undefined {
  if (helper.typeParam !== -1 && args[helper.typeParam] !== 'Event') return undefined;
  if (helper.key !== undefined && args[helper.key.param] !== helper.key.value) return undefined;
  let unread = false;
  const name = helper.template.replace(new RegExp(`${PARAM}(\\d+)`, 'g'), (_, i: string) => {
    const v = args[Number(i)];
    if (typeof v !== 'string') unread = true;
    return v ?? '*';
  });
  return unread ? undefined : name;
}

function noteInvokes(ctx: ModuleContext): void {
  const helpers: Helper[] = [];
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node, p.computed as boolean) !== 'InvocationType') continue;
    const props = objectProps(ctx.parentOf(p))?.props;
    if (props === undefined) continue;
    const fn = helperOf(ctx, p, props.get('FunctionName'));
    const params = paramNames(fn);
    const type = unwrap(props.get('InvocationType'));
    const typeParam = type?.type === 'Identifier' ? params.indexOf(type.name as string) : -1;
    if (!isEvent(type) && typeParam === -1) continue;
    const called = fn === undefined ? undefined : helperName(ctx, fn);
    const tabled = tabledNames(ctx, props.get('FunctionName'), params);
    if (tabled !== undefined) {
      // One helper per entry, each standing for the calls that pick its key.
      for (const [value, template] of tabled.entries)
        for (const name of helperNames(ctx, fn, called))
          helpers.push({ name, template, typeParam, key: { param: tabled.param, value } });
      continue;
    }
    const name = namePattern(ctx, props.get('FunctionName'), params);
    if (name === undefined) continue;
    if (!name.includes(PARAM)) {
      if (typeParam === -1) ctx.asyncInvokedNames.push(name);
      continue;
    }
    for (const helper of helperNames(ctx, fn, called))
      helpers.push({ name: helper, template: name, typeParam });
  }
  ctx.invokeHelpers.push(...helpers);
  if (helpers.length === 0) return;
  // The helper's own module's calls are joined here; an importer's by the project pass.
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    // A tabled helper is one per entry: each call picks (at most) one of them.
    for (const helper of helpers.filter((h) => h.name === callee.name)) {
      const name = calledName(helper, patternArgs(ctx, call));
      if (name !== undefined) ctx.asyncInvokedNames.push(name);
    }
  }
}

/**
 * The names a helper is called by: its own, and `default` when it is the module's default export
 * (`export default async function invokeLambda(...)`: importers call it by whatever name they import).
 */
function helperNames(ctx: ModuleContext, fn: Node | undefined, called: string | undefined): string[] {
  if (called === undefined || fn === undefined) return [];
  return isDefaultExport(ctx, fn, called) ? [called, 'default'] : [called];
}

/** Is the function the module's default export (`export default function f`, `export default f`)? */
function isDefaultExport(ctx: ModuleContext, fn: Node, name: string): boolean {
  if (ctx.parentOf(fn)?.type === 'ExportDefaultDeclaration') return true;
  const exported = unwrap(ctx.exports.get('default'));
  return exported === fn || (exported?.type === 'Identifier' && exported.name === name);
}

/**
 * A call's arguments, each the name it spells (a string literal's value, a template literal with `*` for
 * what the code computes: `` `fees-${stage}-store` `` -> `fees-*-store`) or null.
 */
function patternArgs(ctx: ModuleContext, call: Node): (string | null)[] {
  return (call.arguments as Node[]).map((a) => namePattern(ctx, a, []) ?? null);
}

/** A deployed function's full name (`service-stage-key`): dashes, no spaces, not only what the code computes. */
const NAME_LIKE = /^(?=.*\w)(?=.*-)[\w*.:-]+$/;

/**
 * Calls of an imported function a helper may be behind (joined later): one with a literal `'Event'`
 * argument, or one of a project module (a relative import) handed a name, for a helper that always
 * invokes with `'Event'` (`invokeLambda(`fees-${stage}-store`, event)`).
 */
function noteHelperCalls(ctx: ModuleContext): void {
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const bound = ctx.importOf(callee.name as string, callee);
    if (bound === undefined) continue;
    const args = patternArgs(ctx, call);
    const named = bound.source.startsWith('.') && args.some((a) => a !== null && NAME_LIKE.test(a));
    if (!args.includes('Event') && !named) continue;
    ctx.invokeHelperCalls.push({
      ref: { from: ctx.file, source: bound.source, name: bound.imported },
      args,
    });
  }
}

/**
 * @example
 * // lambda.send(new InvokeCommand({ FunctionName: `svc-${stage}-notify`, InvocationType: 'Event' })) -> ctx.asyncInvokedNames ['svc-*-notify']
 * // invokeLambda('notify', 'Event', body), invokeLambda imported                                    -> ctx.invokeHelperCalls
 */
export const asyncInvokeNameRules: Rule = (ctx) => {
  if (ctx.spells('InvocationType')) noteInvokes(ctx);
  noteHelperCalls(ctx);
};
