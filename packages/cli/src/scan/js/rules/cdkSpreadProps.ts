// The handler of a CDK function whose props spread an imported project helper's defaults: `new
// NodejsFunction(this, id, { ...defaultProps(this, 'streamOrders'), environment })` with, in
// ../helpers/defaults.ts, `export const defaultProps = (scope, name) => ({ runtime, entry: path.join(
// __dirname, `../functions/${name}/index.ts`), handler: 'handler' })`. The entry is written in the helper,
// not at the construct, so without reading it the construct joins no handler: its event sources stay
// findings of their own beside the handler's (two places for one consumer), and a `batchSize: 1` source
// never reaches the handler it settles. The helper's returned object is read with its parameters standing
// for the call's arguments (cdkImportedHelpers.ts `text`); the construct's own keys win over the spread's.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { reExports } from '../reExports.js';
import { linkOfPaths } from './cdkHandlers.js';
import { returnedValue } from './cdkHelperProps.js';
import { type CallValues, helperModule, text, topFunction } from './cdkImportedHelpers.js';

/** A helper module worth parsing for this: it writes a function's code place. */
const WRITES_CODE = /\bentry\b|\bfromAsset\b/;

/**
 * The handler link of a function props object (`node`, the construct's third argument) whose code place
 * comes from a spread call of a relatively imported helper; undefined when it has no such spread, the
 * props name the code themselves, or the helper's paths cannot be told from the call.
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
    const entry = props.props.has('entry') ? text(mod, props.props.get('entry'), values) : undefined;
    const link = entry === undefined ? undefined : linkOfPaths(ctx.file, { entry, handler }, clearWhen);
    if (link !== undefined) links.push(link);
  }
  // Two spreads that both place code: the later one wins at run time; one is enough to be sure.
  return links.at(-1);
}

/** One spread's helper, read: its module, its returned props, and what its parameters stand for. */
interface SpreadHelper {
  readonly mod: ModuleContext;
  readonly props: NonNullable<ReturnType<typeof objectProps>>;
  readonly values: CallValues;
}

/** Each spread of an object literal, as the helper call it reads (undefined where it is anything else). */
function spreadHelpers(ctx: ModuleContext, object: Node): (SpreadHelper | undefined)[] {
  const out: (SpreadHelper | undefined)[] = [];
  for (const p of object.properties as Node[]) {
    if (p.type !== 'SpreadElement') continue;
    const call = ctx.valueOf(unwrap(p.argument as Node));
    const callee = unwrap(call?.callee as Node | undefined);
    const imp =
      call?.type === 'CallExpression' && callee?.type === 'Identifier'
        ? ctx.importOf(callee.name as string, callee)
        : undefined;
    const found =
      imp === undefined || !imp.source.startsWith('.')
        ? undefined
        : helperFunction(ctx.file, imp.source, imp.imported);
    const props = found === undefined ? undefined : objectProps(returnedValue(found.mod, found.helper));
    out.push(
      call === undefined || found === undefined || props === undefined
        ? undefined
        : {
            mod: found.mod,
            props,
            values: { site: ctx, params: found.helper.params as Node[], args: call.arguments as Node[] },
          },
    );
  }
  return out;
}

/**
 * The keys a props object's spreads bring in, when every spread is an imported helper's object literal
 * with no spread of its own; undefined when any is unknown (then a spread may hold any setting).
 * @example
 * spreadKeys(ctx, propsNode) // Set { 'runtime', 'entry', 'handler', 'timeout' } for `{ ...defaultProps(this, 'x') }`
 */
export function spreadKeys(ctx: ModuleContext, node: Node | undefined): ReadonlySet<string> | undefined {
  const object = ctx.valueOf(unwrap(node));
  if (object?.type !== 'ObjectExpression') return undefined;
  const keys = new Set<string>();
  for (const spread of spreadHelpers(ctx, object)) {
    if (spread === undefined || spread.props.spread) return undefined;
    for (const key of spread.props.props.keys()) keys.add(key);
  }
  return keys;
}

/**
 * The module-level function `name` of the module a relative import names, or of one a barrel there passes
 * on (`export * from './defaults'`, `export { name } from`): helpers folders are usually imported by their
 * index. One barrel level.
 * @example
 * helperFunction('/app/stacks/orders.ts', '../helpers', 'defaultProps') // in /app/helpers/defaults.ts
 */
function helperFunction(
  from: string,
  source: string,
  name: string,
): { readonly mod: ModuleContext; readonly helper: Node } | undefined {
  const direct = helperModule(from, source, WRITES_CODE);
  const helper = direct === undefined ? undefined : topFunction(direct, name);
  if (direct !== undefined && helper !== undefined) return { mod: direct, helper };
  const barrel = direct ?? helperModule(from, source, /\bexport\b[^;]*\bfrom\b/);
  if (barrel === undefined) return undefined;
  for (const re of reExports(barrel)) {
    if (!re.source.startsWith('.')) continue;
    const local = re.names === undefined ? name : re.names.find(([exported]) => exported === name)?.[1];
    if (local === undefined || local === '*') continue;
    const mod = helperModule(barrel.file, re.source, WRITES_CODE);
    const fn = mod === undefined ? undefined : topFunction(mod, local);
    if (mod !== undefined && fn !== undefined) return { mod, helper: fn };
  }
  return undefined;
}
