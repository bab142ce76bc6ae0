// The handler of a CDK function a project helper of ANOTHER module builds: `const fn = createLambda({ stack:
// this, name: 'Converter', entry: 'sqs-to-converter' })` with, in ../shared/lambda.ts, `export function
// createLambda(props) { const lambda = new Function(props.stack, props.name, { code: Code.fromAsset(
// `${pathToLambdas}/dist`), handler: props.entry + '.handler' }); ...; return lambda; }`, or a bundled
// `new NodejsFunction(scope, id, { entry })` from a positional parameter. The helper's module is read here
// (a relative import), and its function's `entry`, or `code` and `handler`, are worked out with each of
// its parameters standing for the call's argument, so every rule that joins a construct to its handler's
// code (batch size 1, one finding per consumer, a log-only handler) sees the helper-built function.
import { dirname, join } from 'node:path';
import { readSource } from '../../readSource.js';
import { calleeName, memberPath, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import { relativeImportFiles } from '../importedFiles.js';
import { ModuleContext } from '../ModuleContext.js';
import { isFatal, parseSource } from '../parseSource.js';
import { passedOnAs, reExports } from '../reExports.js';
import { assetCodeDir } from './cdkAssetCode.js';
import { cdkConstruct } from './cdkConstructName.js';
import { linkOfPaths } from './cdkHandlers.js';
import { builtByCall, returnedNew } from './cdkHelperProps.js';
import { thisFieldValue } from './fieldAssigned.js';

/** A module worth parsing as a barrel: it passes names on from others. */
const RE_EXPORTS = /\bexport\b[^;]*\bfrom\b/;

/** How many barrels deep a helper is looked for (`helpers/index.ts` -> `helpers/lambda/index.ts` -> ...). */
const BARREL_DEPTH = 3;

/** Helper modules read so far (per worker): a stack file calls the same helper many times. */
const contexts = new Map<string, ModuleContext | null>();

/**
 * The module a relative import names, parsed when its text passes `worth` (by default: it builds a Lambda
 * function); undefined when no file answers, it is not worth reading, or it does not parse.
 * @example
 * helperModule('/app/lib/stack.ts', './shared/lambda') // the context of /app/lib/shared/lambda.ts
 */
export function helperModule(
  from: string,
  source: string,
  worth: RegExp = /Function\b|\bLambda\b/,
): ModuleContext | undefined {
  for (const file of relativeImportFiles(from, source)) {
    const cached = contexts.get(file);
    if (cached !== undefined) return cached ?? undefined;
    const text = /\.[cm]?[jt]s$/.test(file) ? readSource(file) : undefined;
    if (text === undefined) continue;
    if (!worth.test(text)) return undefined;
    const ctx = parse(file, text);
    contexts.set(file, ctx ?? null);
    return ctx;
  }
  return undefined;
}

function parse(file: string, text: string): ModuleContext | undefined {
  const lang = file.endsWith('ts') ? 'ts' : 'jsx';
  const parsed = parseSource(file, text, { lang });
  if (parsed.errors.some(isFatal)) return undefined;
  return new ModuleContext(file, text, parsed.program as unknown as Node, parsed.comments);
}

/**
 * The module-level function `name` (a declaration, or a const arrow or function expression); `default` too.
 * @example
 * topFunction(mod, 'createLambda') // the `function createLambda(props) { ... }` node
 */
export function topFunction(ctx: ModuleContext, name: string): Node | undefined {
  for (const st of ctx.program.body as Node[]) {
    const decl =
      st.type === 'ExportNamedDeclaration' || st.type === 'ExportDefaultDeclaration'
        ? (st.declaration as Node)
        : st;
    if (decl === null || decl === undefined) continue;
    if (name === 'default' && st.type === 'ExportDefaultDeclaration')
      return ctx.functionOf(decl) ?? undefined;
    if (decl.type === 'FunctionDeclaration' && (decl.id as Node | null)?.name === name) return decl;
    if (decl.type === 'VariableDeclaration')
      for (const d of decl.declarations as Node[])
        if ((d.id as Node).name === name) return ctx.functionOf(d.init as Node);
  }
  return undefined;
}

/** The one Lambda function construct the helper hands back (`return new Function(...)`, or a local it returns). */
function returnedConstruct(ctx: ModuleContext, helper: Node): Node | undefined {
  const fn = returnedNew(ctx, helper);
  const kind = fn === undefined ? undefined : cdkConstruct(ctx, fn);
  // aws-events-targets' `LambdaFunction` is a rule target, not a function.
  return kind !== undefined && /Function$/.test(kind) && kind !== 'LambdaFunction' ? fn : undefined;
}

/**
 * What a helper's parameters stand for at one call: the calling module, the helper's parameters, the arguments.
 * @example
 * const values: CallValues = { site: ctx, params: helper.params, args: call.arguments }; // `entry` read through them
 */
export interface CallValues {
  readonly site: ModuleContext;
  readonly params: readonly Node[];
  readonly args: readonly Node[];
}

/** The call's argument for the helper's parameter named `name` (destructured keys read from the object). */
function argumentFor(call: CallValues, name: string, key?: string): Node | undefined {
  for (const [i, p] of call.params.entries()) {
    const param = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    const arg = call.args[i];
    if (param.type === 'Identifier' && param.name === name)
      return key === undefined ? arg : objectProps(call.site.valueOf(arg))?.props.get(key);
    if (param.type === 'ObjectPattern' && key === undefined)
      for (const prop of param.properties as Node[]) {
        const value = unwrap(prop.value as Node);
        const local = value?.type === 'AssignmentPattern' ? (value.left as Node) : value;
        if (local?.type === 'Identifier' && local.name === name) {
          const k = propertyName(prop.key as Node, prop.computed as boolean);
          return k === undefined ? undefined : objectProps(call.site.valueOf(arg))?.props.get(k);
        }
      }
  }
  return undefined;
}

/**
 * A string the helper's expression makes, its parameters read from the call (a few levels deep).
 * @example
 * text(mod, handlerNode, values) // 'sqs-to-converter.handler' for `props.entry + '.handler'`
 */
export function text(
  ctx: ModuleContext,
  node: Node | undefined,
  call: CallValues,
  depth = 0,
): string | undefined {
  const n = unwrap(node);
  if (n === undefined || depth > 5) return undefined;
  // stringValue reads `${x}/dist` with a placeholder: a template with expressions is read below.
  const literal =
    n.type === 'TemplateLiteral' && (n.expressions as Node[]).length > 0 ? undefined : stringValue(n);
  if (literal !== undefined) return literal;
  if (n.type === 'Identifier') {
    if (n.name === '__dirname') return dirname(ctx.file);
    if (ctx.resolve(n.name as string, n)?.kind === 'param') {
      const arg = argumentFor(call, n.name as string);
      return arg === undefined ? undefined : text(call.site, arg, { ...call, params: [] }, depth + 1);
    }
    const v = ctx.valueOf(n);
    return v === n ? undefined : text(ctx, v, call, depth + 1);
  }
  if (n.type === 'MemberExpression') {
    // A stack's own setting kept in a field (`private lambdaSourceCode = 'bin/dist/handlers/'`).
    const field = thisFieldValue(ctx, n);
    if (field !== undefined) return text(ctx, field, call, depth + 1);
    const path = memberPath(n);
    const root = path?.[0];
    if (path?.length !== 2 || root === undefined || ctx.resolve(root, n)?.kind !== 'param') return undefined;
    const arg = argumentFor(call, root, path[1]);
    return arg === undefined ? undefined : text(call.site, arg, { ...call, params: [] }, depth + 1);
  }
  if (n.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||'))
    return text(ctx, n.left as Node, call, depth + 1) ?? text(ctx, n.right as Node, call, depth + 1);
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    const [l, r] = [text(ctx, n.left as Node, call, depth + 1), text(ctx, n.right as Node, call, depth + 1)];
    return l === undefined || r === undefined ? undefined : l + r;
  }
  if (n.type === 'TemplateLiteral') {
    const parts = (n.expressions as Node[]).map((e) => text(ctx, e, call, depth + 1));
    if (parts.some((p) => p === undefined)) return undefined;
    return (n.quasis as Node[]).map((q, i) => `${q.value?.cooked ?? ''}${parts[i] ?? ''}`).join('');
  }
  if (n.type === 'CallExpression' && (calleeName(n) === 'join' || calleeName(n) === 'resolve')) {
    const parts = (n.arguments as Node[]).map((a) => text(ctx, a, call, depth + 1));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    return join(...(parts as string[]));
  }
  return undefined;
}

/**
 * The handler link of the function an imported project helper builds for `expr` (a local or a field
 * holding the helper's call), read in the helper's module with the call's arguments; undefined when the
 * helper is not such a function or its paths cannot be told.
 * @example
 * importedHelperLink(ctx, fnExpr, 'no-record-work') // createLambda({ entry: 'sqs-to-converter' }) -> stems [.../lambdas/dist/sqs-to-converter, ...]
 */
export function importedHelperLink(
  ctx: ModuleContext,
  expr: Node | undefined,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  const call = builtByCall(ctx, expr);
  const callee = unwrap(call?.callee as Node | undefined);
  if (call === undefined || callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !imp.source.startsWith('.')) return undefined;
  const mod = helperModule(ctx.file, imp.source);
  const helper = mod === undefined ? undefined : topFunction(mod, imp.imported);
  const fn = mod === undefined || helper === undefined ? undefined : returnedConstruct(mod, helper);
  const props =
    mod === undefined || fn === undefined ? undefined : objectProps(mod.valueOf((fn.arguments as Node[])[2]));
  if (mod === undefined || helper === undefined || props === undefined) return undefined;
  const values: CallValues = { site: ctx, params: helper.params as Node[], args: call.arguments as Node[] };
  const handler = props.props.has('handler') ? text(mod, props.props.get('handler'), values) : undefined;
  if (props.props.has('entry')) {
    const entry = text(mod, props.props.get('entry'), values);
    return entry === undefined ? undefined : linkOfPaths(ctx.file, { entry, handler }, clearWhen);
  }
  const code = assetCodeDir(mod, props.props.get('code'));
  if (code === undefined) return undefined;
  const dir = text(mod, code, values);
  return dir === undefined ? undefined : linkOfPaths(ctx.file, { dir, handler }, clearWhen);
}

/**
 * The module-level function `name` of the module a relative import names, or of one a barrel there passes
 * on (`export * from './defaults'`, `export { name } from`, renamed too): helpers folders are usually
 * imported by their index, and an index may pass on another folder's index (a few levels). The helper's
 * module is parsed only when its text passes `worth` (it writes what the caller looks for).
 * @example
 * helperFunction('/app/stacks/orders.ts', '../helpers', 'defaultProps', /\bentry\b/) // in /app/helpers/defaults.ts
 */
export function helperFunction(
  from: string,
  source: string,
  name: string,
  worth: RegExp,
  depth = 0,
): { readonly mod: ModuleContext; readonly helper: Node } | undefined {
  const direct = helperModule(from, source, worth);
  const helper = direct === undefined ? undefined : topFunction(direct, name);
  if (direct !== undefined && helper !== undefined) return { mod: direct, helper };
  const barrel = direct ?? helperModule(from, source, RE_EXPORTS);
  if (barrel === undefined || depth >= BARREL_DEPTH) return undefined;
  for (const re of reExports(barrel)) {
    if (!re.source.startsWith('.')) continue;
    const local = passedOnAs(re, name);
    if (local === undefined || local === '*') continue;
    const found = helperFunction(barrel.file, re.source, local, worth, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}
