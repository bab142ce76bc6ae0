// Where a CDK function's handler code lives (`NodejsFunction({ entry })`, `Function({ code:
// Code.fromAsset(dir), handler: 'file.export' })`), and what the construct configures around it, so the
// infrastructure rules can ask the project pass about the handler itself.
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { escapeRegExp } from '../../escapeRegExp.js';
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { assetCodeDir } from './cdkAssetCode.js';
import { defaultEntryLink } from './cdkDefaultEntry.js';
import { helperBuiltProps } from './cdkHelperProps.js';
import { importedHelperLink } from './cdkImportedHelpers.js';
import { packedSourceLink } from './cdkPackedSources.js';
import { runFile } from './cdkRunFile.js';
import { spreadPropsLink } from './cdkSpreadProps.js';
import { fieldAssigned } from './fieldAssigned.js';
import { underRoot } from './sstAppRoot.js';

/**
 * The directory a CDK app runs from: the nearest ancestor with `cdk.json`, never above the scan root
 * (`root`, unknown: unbounded), else the file's own.
 */
export function appRoot(file: string, root?: string): string {
  let dir = dirname(file);
  for (let i = 0; i < 12 && underRoot(dir, root); i++) {
    if (existsSync(join(dir, 'cdk.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return dirname(file);
}

/**
 * A path built from literals and `__dirname`: `'lambda-fns/x'`, `path.join(__dirname, '../src/x.ts')`,
 * `path.resolve(import.meta.dirname, 'x')`, ESM's `dirname(fileURLToPath(import.meta.url))`, and a call of a
 * one-expression path helper of the module (`const svc = (rel) => resolve(REPO_ROOT, rel)`, read with its
 * parameters standing for the call's arguments). Relative results are relative to the CDK app's root.
 * @example
 * pathValue(ctx, node) // '/repo/lib/../src/x.ts' for path.join(__dirname, '../src/x.ts')
 */
export function pathValue(
  ctx: ModuleContext,
  node: Node | undefined,
  depth = 0,
  bound: ReadonlyMap<string, string> = NONE,
): string | undefined {
  if (depth > 4) return undefined;
  const written = unwrap(node);
  if (written?.type === 'Identifier' && bound.has(written.name as string))
    return bound.get(written.name as string);
  const n = ctx.valueOf(node);
  if (n === undefined) return undefined;
  if (n.type === 'TemplateLiteral' && (n.expressions as Node[]).length > 0) {
    // `${__dirname}/../app/handlers/claims.js`
    const quasis = n.quasis as Node[];
    const parts = (n.expressions as Node[]).map((e) => pathValue(ctx, e, depth + 1));
    if (parts.some((p) => p === undefined)) return undefined;
    const text = quasis.map((q, i) => `${q.value?.cooked ?? ''}${parts[i] ?? ''}`).join('');
    return join(text);
  }
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (n.type === 'Identifier' && n.name === '__dirname') return dirname(ctx.file);
  const path = memberPath(n)?.join('.');
  if (path === 'import.meta.dirname') return dirname(ctx.file);
  if (n.type === 'CallExpression') {
    const name = calleeName(n);
    const args = n.arguments as Node[];
    if (name === 'fileURLToPath' && isImportMetaUrl(args[0])) return runFile(ctx.file, appRoot(ctx.file));
    if (name === 'dirname') {
      const inner = pathValue(ctx, args[0], depth + 1, bound);
      return inner === undefined ? undefined : dirname(inner);
    }
    if (name !== 'join' && name !== 'resolve') return helperPath(ctx, n, depth, bound);
    const parts = args.map((a) => pathValue(ctx, a, depth + 1, bound));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    return join(...(parts as string[]));
  }
  return undefined;
}

const NONE: ReadonlyMap<string, string> = new Map();

/** `import.meta.url`: the module's own file URL (memberPath reads no `import.meta`). */
function isImportMetaUrl(node: Node | undefined): boolean {
  const n = unwrap(node);
  return (
    n?.type === 'MemberExpression' &&
    unwrap(n.object as Node)?.type === 'MetaProperty' &&
    propertyName(n.property as Node, n.computed as boolean) === 'url'
  );
}

/** The path a call of the module's one-expression arrow makes (`svc('services/x.ts')`), its parameters bound. */
function helperPath(
  ctx: ModuleContext,
  call: Node,
  depth: number,
  bound: ReadonlyMap<string, string>,
): string | undefined {
  const helper =
    unwrap(call.callee as Node)?.type === 'Identifier' ? ctx.functionOf(call.callee as Node) : undefined;
  if (helper?.type !== 'ArrowFunctionExpression' || (helper.body as Node).type === 'BlockStatement')
    return undefined;
  const names = new Map<string, string>();
  for (const [i, p] of (helper.params as Node[]).entries()) {
    const value = pathValue(ctx, (call.arguments as Node[])[i], depth + 1, bound);
    if (p.type !== 'Identifier' || value === undefined) return undefined;
    names.set(p.name as string, value);
  }
  return pathValue(ctx, helper.body as Node, depth + 1, names);
}

function absolute(file: string, path: string): string {
  return isAbsolute(path) ? path : resolve(appRoot(file), path);
}

/** The `new ...Function(scope, id, props)` an expression stands for, with its props. */
export function functionConstruct(
  ctx: ModuleContext,
  expr: Node | undefined,
): { readonly node: Node; readonly props: ReturnType<typeof objectProps> } | undefined {
  const fn = ctx.valueOf(unwrap(expr));
  if (fn?.type !== 'NewExpression') return undefined;
  const kind = memberPath(fn.callee)?.at(-1) ?? '';
  if (!/Function$/.test(kind)) return undefined;
  return { node: fn, props: objectProps(ctx.valueOf((fn.arguments as Node[])[2])) };
}

/**
 * The construct a class field holds when the module assigns it once (`this.worker = new Function(...)`,
 * read as `this.worker` or `this.worker!`): CDK stacks keep their functions in fields.
 */
export function fieldConstruct(ctx: ModuleContext, expr: Node): ReturnType<typeof functionConstruct> {
  const built = fieldBuilt(ctx, expr);
  return built === undefined ? undefined : functionConstruct(ctx, built);
}

/**
 * The one `new X(...)` the module assigns to the class field an expression reads (`this.queue`), if it
 * assigns exactly one: CDK stacks keep their constructs in fields.
 * @example
 * fieldBuilt(ctx, thisQueueNode); // the `new Queue(...)` of `this.queue = new Queue(this, 'Q', props)`
 */
export function fieldBuilt(ctx: ModuleContext, expr: Node | undefined): Node | undefined {
  return fieldAssigned(ctx, expr, 'NewExpression');
}

/** The function's failed async invocations go somewhere: a DLQ or an onFailure destination. */
export function functionHasAsyncDlq(props: ReturnType<typeof objectProps>): boolean {
  if (props === undefined) return false;
  return (
    props.props.has('deadLetterQueue') ||
    props.props.has('deadLetterTopic') ||
    props.props.has('onFailure') ||
    isBooleanLiteral(props.props.get('deadLetterQueueEnabled'), true)
  );
}

/**
 * Where the handler of a function construct lives, as module stems without extension (the build
 * output folder, `dist`/`build`/`out`, also tried without it).
 * @example
 * handlerLink(ctx, fnExpr, 'no-work') // { stems: ['/repo/lambda-fns/subscribe/createdStatus'], export: 'handler', ... }
 */
export function handlerLink(
  ctx: ModuleContext,
  expr: Node | undefined,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  // A function a helper of this module builds (`this.build(scope, id, 'api/x.ts', {})`) is read through it.
  // A stack's class field too (`this.worker.addEventSource(...)` after `this.worker = new NodejsFunction(...)`).
  const built = functionConstruct(ctx, expr) ?? (expr === undefined ? undefined : fieldConstruct(ctx, expr));
  const props = built?.props ?? helperBuiltProps(ctx, expr);
  // A function a project helper of another module builds is read there with this call's arguments.
  if (props === undefined)
    return (
      importedHelperLink(ctx, expr, clearWhen) ??
      packedSourceLink(ctx, expr, clearWhen) ??
      defaultEntryLink(ctx, built?.node, clearWhen)
    );
  // Props that spread an imported helper's defaults (`{ ...defaults(this, 'x') }`) are read through it.
  const own = handlerLinkOfProps(ctx, props, clearWhen);
  if (own !== undefined || built === undefined) return own;
  return (
    spreadPropsLink(ctx, (built.node.arguments as Node[])[2], clearWhen) ??
    defaultEntryLink(ctx, built.node, clearWhen)
  );
}

/**
 * The same from a function's props object itself (`lambdaFunctionProps` handed to a construct library).
 * @example
 * handlerLinkOfProps(ctx, objectProps(node), 'no-record-work') // { stems: ['/repo/lambda/task/index'], export: 'handler', ... }
 */
export function handlerLinkOfProps(
  ctx: ModuleContext,
  props: ReturnType<typeof objectProps>,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  if (props === undefined) return undefined;
  const handler = stringValue(props.props.get('handler'));
  if (props.props.has('entry')) {
    const entry = pathValue(ctx, props.props.get('entry'));
    return entry === undefined ? undefined : linkOfPaths(ctx.file, { entry, handler }, clearWhen);
  }
  const code = assetCodeDir(ctx, props.props.get('code'));
  if (code === undefined || handler === undefined) return undefined;
  const dir = pathValue(ctx, code);
  return dir === undefined ? undefined : linkOfPaths(ctx.file, { dir, handler }, clearWhen);
}

/**
 * The link from a function's written paths, relative ones read from the CDK app of `file`: a bundled
 * `entry` (export `handler` unless named), or an asset folder and a `file.export` handler string. A build
 * output folder (`dist`, `build`, `out`) is also tried without it and as `src` (tsc's usual rootDir).
 * @example
 * linkOfPaths('/app/infra/lib/stack.ts', { dir: '../lambdas/dist', handler: 'worker.handler' }, 'no-work')
 * // stems ['/app/lambdas/dist/worker', '/app/lambdas/worker', '/app/lambdas/src/worker'] with cdk.json in /app/infra
 */
export function linkOfPaths(
  file: string,
  paths: { readonly entry?: string; readonly dir?: string; readonly handler?: string | undefined },
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  let stem: string;
  let exportName: string;
  if (paths.entry !== undefined) {
    stem = absolute(file, paths.entry).replace(/\.[cm]?[jt]sx?$/, '');
    exportName = paths.handler ?? 'handler';
  } else {
    const dot = paths.handler?.lastIndexOf('.') ?? -1;
    if (paths.dir === undefined || paths.handler === undefined || dot <= 0) return undefined;
    stem = join(absolute(file, paths.dir), paths.handler.slice(0, dot));
    exportName = paths.handler.slice(dot + 1);
  }
  const stems = [stem];
  const withoutBuild = stem.replace(/\/(dist|build|out)(?=\/)/, '');
  if (withoutBuild !== stem) stems.push(withoutBuild, stem.replace(/\/(dist|build|out)(?=\/)/, '/src'));
  return { stems, export: exportName, clearWhen };
}

/**
 * The module gives the function kept in `fn` (its member path, `this.mailer`) an on-failure destination
 * after building it: `fn.configureAsyncInvoke({ onFailure })` or `new EventInvokeConfig(scope, id, {
 * function: fn, onFailure })`.
 */
export function asyncInvokeConfigured(ctx: ModuleContext, fn: string | undefined): boolean {
  if (fn === undefined) return false;
  const name = escapeRegExp(fn);
  if (new RegExp(`${name}\\s*\\.\\s*configureAsyncInvoke\\s*\\(\\s*\\{[^}]*\\bonFailure\\b`).test(ctx.source))
    return true;
  return ctx.of('NewExpression').some((n) => {
    if (memberPath(n.callee)?.at(-1) !== 'EventInvokeConfig') return false;
    const props = objectProps(ctx.valueOf((n.arguments as Node[])[2]))?.props;
    return props?.has('onFailure') === true && memberPath(props.get('function'))?.join('.') === fn;
  });
}
