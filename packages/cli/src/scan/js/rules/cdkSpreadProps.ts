// The handler of a CDK function whose props spread an imported project helper's defaults: `new
// NodejsFunction(this, id, { ...defaultProps(this, 'streamOrders'), environment })` with, in
// ../helpers/defaults.ts, `export const defaultProps = (scope, name) => ({ runtime, entry: path.join(
// __dirname, `../functions/${name}/index.ts`), handler: 'handler' })`. The entry (or `code:
// Code.fromAsset(dir)`) is written in the helper, not at the construct, so without reading it the construct
// joins no handler: its event sources stay findings of their own beside the handler's (two places for one
// consumer), a `batchSize: 1` source never reaches the handler it settles, and an async invoke through an
// environment variable set to the function's name reaches no code. The helper's returned object is read with
// its parameters standing for the call's arguments (cdkImportedHelpers.ts `text`); the construct's own keys
// win over the spread's. The keys the spreads bring are told too (spreadKeys), so a pass that must know a
// function sets no concurrency cap, DLQ or onFailure destination does not give up on the spread as unknown.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { linkOfPaths } from './cdkHandlers.js';
import { returnedValue } from './cdkHelperProps.js';
import { type CallValues, helperFunction, text } from './cdkImportedHelpers.js';
import { type OpenProps, openProps } from './cdkPassedProps.js';

/** A helper module worth parsing for this: it writes a function's code place. */
const WRITES_CODE = /\bentry\b|\bfromAsset\b/;

/**
 * The handler link of a function props object (`node`, the construct's third argument) whose code place
 * comes from a spread call of a relatively imported helper (its `entry`, or the directory of its `code:
 * Code.fromAsset(dir)`); undefined when it has no such spread, the props name the code themselves, or the
 * helper's paths cannot be told from the call.
 * @example
 * spreadPropsLink(ctx, propsNode, 'reported-in-code') // { ...defaultProps(this, 'streamOrders') } -> stems ['/app/src/functions/streamOrders/index']
 */
export function spreadPropsLink(
  ctx: ModuleContext,
  node: Node | undefined,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  const object = ctx.valueOf(unwrap(node));
  const own = objectProps(object);
  if (object === undefined || own === undefined || !own.spread) return undefined;
  if (own.props.has('entry') || own.props.has('code')) return undefined;
  const links: HandlerLink[] = [];
  for (const spread of spreadHelpers(ctx, object)) {
    if (spread === undefined) continue;
    const { mod, props, values } = spread;
    // The construct's own `handler` names the export when the helper leaves it out.
    const handlerNode = own.props.get('handler');
    const handler =
      handlerNode !== undefined
        ? text(ctx, handlerNode, { ...values, params: [] })
        : props.props.has('handler')
          ? text(mod, props.props.get('handler'), values)
          : undefined;
    const link = codePlace(mod, props.props, values, handler, ctx.file, clearWhen);
    if (link !== undefined) links.push(link);
  }
  // Two spreads that both place code: the later one wins at run time; one is enough to be sure.
  return links.at(-1);
}

/** The link of a helper object's `entry`, else of its `code: Code.fromAsset(dir)`; undefined for neither. */
function codePlace(
  mod: ModuleContext,
  props: ReadonlyMap<string, Node>,
  values: CallValues,
  handler: string | undefined,
  file: string,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  if (props.has('entry')) {
    const entry = text(mod, props.get('entry'), values);
    return entry === undefined ? undefined : linkOfPaths(file, { entry, handler }, clearWhen);
  }
  const code = mod.valueOf(props.get('code'));
  if (code?.type !== 'CallExpression' || calleeName(code) !== 'fromAsset') return undefined;
  const dir = text(mod, (code.arguments as Node[])[0], values);
  return dir === undefined ? undefined : linkOfPaths(file, { dir, handler }, clearWhen);
}

/** One spread's helper, read: its module, its returned object and props, and what its parameters stand for. */
interface SpreadHelper {
  readonly mod: ModuleContext;
  readonly object: Node;
  readonly props: NonNullable<ReturnType<typeof objectProps>>;
  readonly values: CallValues;
}

/** Each spread of an object literal, as the helper call it reads (undefined where it is anything else). */
function spreadHelpers(ctx: ModuleContext, object: Node): (SpreadHelper | undefined)[] {
  return (object.properties as Node[])
    .filter((p) => p.type === 'SpreadElement')
    .map((p) => spreadHelper(ctx, p.argument as Node));
}

/** The helper call a spread's argument is (`...defaults(this, 'x')`, or a local holding it), read. */
function spreadHelper(ctx: ModuleContext, argument: Node): SpreadHelper | undefined {
  const call = ctx.valueOf(unwrap(argument));
  const callee = unwrap(call?.callee as Node | undefined);
  const imp =
    call?.type === 'CallExpression' && callee?.type === 'Identifier'
      ? ctx.importOf(callee.name as string, callee)
      : undefined;
  const found =
    imp === undefined || !imp.source.startsWith('.')
      ? undefined
      : helperFunction(ctx.file, imp.source, imp.imported, WRITES_CODE);
  const object = found === undefined ? undefined : returnedValue(found.mod, found.helper);
  const props = objectProps(object);
  if (call === undefined || found === undefined || object === undefined || props === undefined)
    return undefined;
  return {
    mod: found.mod,
    object,
    props,
    values: { site: ctx, params: found.helper.params as Node[], args: call.arguments as Node[] },
  };
}

/**
 * A spread chosen by a condition between object literals (`...(layerArn ? { layers: [layer] } : {})`,
 * `...(isProd && { memorySize: 2048 })`): every key either branch may bring, read as one object. Stage- or
 * context-dependent settings are written this way; the keys are known whichever branch runs. Undefined
 * when a branch is not a literal the scan reads in full (a variable, a call, a spread of the caller's).
 * @example
 * stagedProps(ctx, node)?.props.keys() // 'layers' for `cond ? { layers: [x] } : {}`
 */
function stagedProps(ctx: ModuleContext, node: Node): OpenProps | undefined {
  const n = unwrap(node);
  const branches =
    n?.type === 'ConditionalExpression'
      ? [n.consequent as Node, n.alternate as Node]
      : n?.type === 'LogicalExpression' && n.operator === '&&'
        ? [n.right as Node]
        : undefined;
  if (branches === undefined) return undefined;
  const out: OpenProps = { props: new Map(), unknown: false, fromCaller: [] };
  for (const branch of branches) {
    const open = openProps(ctx, unwrap(branch));
    if (open === undefined || open.unknown || open.fromCaller.length > 0) return undefined;
    for (const [k, v] of open.props) out.props.set(k, v);
  }
  return out;
}

/**
 * The keys a props object's spreads bring in, when every spread is a local literal or a condition
 * between local literals (stagedProps; unless `locals` is false) or an imported helper's object literal
 * (whose own spreads are local literals of its module); undefined when any is unknown or comes from a
 * caller (then a spread may hold any setting).
 * @example
 * spreadKeys(ctx, propsNode) // Set { 'runtime', 'entry', 'handler', 'timeout' } for `{ ...defaultProps(this, 'x') }`
 */
export function spreadKeys(
  ctx: ModuleContext,
  node: Node | undefined,
  locals = true,
): ReadonlySet<string> | undefined {
  const object = ctx.valueOf(unwrap(node));
  if (object?.type !== 'ObjectExpression') return undefined;
  const keys = new Set<string>();
  for (const p of object.properties as Node[]) {
    if (p.type !== 'SpreadElement') continue;
    const local = openProps(ctx, p.argument as Node) ?? stagedProps(ctx, p.argument as Node);
    if (local !== undefined && !locals) return undefined;
    const found = local === undefined ? spreadHelper(ctx, p.argument as Node) : undefined;
    const open = local ?? (found === undefined ? undefined : openProps(found.mod, found.object));
    if (open === undefined || open.unknown || open.fromCaller.length > 0) return undefined;
    for (const key of open.props.keys()) keys.add(key);
  }
  return keys;
}

/**
 * The props a props object's local spreads bring in (a local literal, or a condition between local
 * literals: stagedProps), each key with its value: a setting either branch may give the function (a
 * conditional `environment`, `vpc` or `role`) is one it may run with. Spreads of imported helpers are left
 * out: their values are nodes of another module.
 * @example
 * localSpreadProps(ctx, propsNode).keys() // 'vpc', 'environment' for `{ ...(useVpc ? { vpc, environment } : {}) }`
 */
export function localSpreadProps(ctx: ModuleContext, node: Node | undefined): Map<string, Node> {
  const out = new Map<string, Node>();
  const object = ctx.valueOf(unwrap(node));
  if (object?.type !== 'ObjectExpression') return out;
  for (const p of object.properties as Node[]) {
    if (p.type !== 'SpreadElement') continue;
    const local = openProps(ctx, p.argument as Node) ?? stagedProps(ctx, p.argument as Node);
    if (local !== undefined && !local.unknown) for (const [k, v] of local.props) out.set(k, v);
  }
  return out;
}
