// The handler of a CDK function whose props spread an imported project helper's defaults: `new
// NodejsFunction(this, 'Handler', { ...defaultProps(this, 'orderHandler'), environment: {...} })` with, in
// ../helpers/defaults.ts, `export const defaultProps = (scope, funcName) => ({ runtime, entry:
// path.join(__dirname, `../functions/${funcName}/index.ts`), handler: 'handler' })`. The helper returns the
// props, not the function (cdkImportedHelpers.ts reads helpers that build the function), so without this the
// construct has no `entry` and every join from it to its handler's code (an async invoke by an environment
// variable, a log-only handler) is lost. The helper's `entry`/`code`/`handler` are read with its parameters
// standing for the call's arguments; a key the object writes itself wins over the spread's. The helper's keys
// are told too (spreadHelperKeys), so a pass that must know a function has no DLQ or onFailure destination
// does not give up on the spread as unknown.
import { calleeName, type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { HandlerLink } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { linkOfPaths, pathValue } from './cdkHandlers.js';
import { returnedValue } from './cdkHelperProps.js';
import { type CallValues, helperModule, text, topFunction } from './cdkImportedHelpers.js';
import { openProps } from './cdkPassedProps.js';

/**
 * The module-level function `name` a relative import reaches, through a folder's barrel (`export * from
 * './lambdaDefaultProps'`, `export { x } from './x'`) a few levels deep. Only modules that name a handler
 * path, or re-export, are worth parsing.
 */
function definition(
  from: string,
  source: string,
  name: string,
  depth = 0,
): { readonly mod: ModuleContext; readonly helper: Node } | undefined {
  const mod = helperModule(from, source, /\bentry\b|\bfromAsset\b|\bexport\b[^;]*\bfrom\b/);
  if (mod === undefined || depth > 3) return undefined;
  const helper = topFunction(mod, name);
  if (helper !== undefined) return { mod, helper };
  for (const st of mod.program.body as Node[]) {
    const next = stringValue(st.source as Node | undefined);
    if (next === undefined || !next.startsWith('.')) continue;
    const all = st.type === 'ExportAllDeclaration' && (st.exported ?? null) === null;
    const named =
      st.type === 'ExportNamedDeclaration' &&
      (st.specifiers as Node[]).some((sp) => propertyName(sp.exported as Node, false) === name);
    // A renamed re-export (`export { a as b }`) is left: the helper then goes unread, as before.
    if (!all && !named) continue;
    const found = definition(mod.file, next, name, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The imported relative helper a spread calls, its module and its returned props object. */
function spreadHelper(
  ctx: ModuleContext,
  spread: Node,
):
  | {
      readonly mod: ModuleContext;
      readonly object: Node;
      readonly values: CallValues;
      readonly props: ReturnType<typeof objectProps>;
    }
  | undefined {
  const call = unwrap(spread.argument as Node);
  const callee = call?.type === 'CallExpression' ? unwrap(call.callee as Node) : undefined;
  if (call === undefined || callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !imp.source.startsWith('.')) return undefined;
  const found = definition(ctx.file, imp.source, imp.imported);
  if (found === undefined) return undefined;
  const { mod, helper } = found;
  const object = returnedValue(mod, helper);
  const props = objectProps(object);
  if (object === undefined || props === undefined) return undefined;
  return {
    mod,
    object,
    props,
    values: { site: ctx, params: helper.params as Node[], args: call.arguments as Node[] },
  };
}

/**
 * The handler link of a function construct whose props object spreads an imported helper's call that
 * supplies the handler's path; undefined when no spread does.
 * @example
 * // new NodejsFunction(this, 'H', { ...defaultProps(this, 'orderHandler') }) with entry `../functions/${funcName}/index.ts`
 * spreadHelperLink(ctx, newExpr, 'no-work') // { stems: ['/app/src/functions/orderHandler/index'], export: 'handler', ... }
 */
export function spreadHelperLink(
  ctx: ModuleContext,
  construct: Node,
  clearWhen: HandlerLink['clearWhen'],
): HandlerLink | undefined {
  const object = unwrap(ctx.valueOf((construct.arguments as Node[] | undefined)?.[2]));
  if (object?.type !== 'ObjectExpression') return undefined;
  const own = objectProps(object)?.props;
  for (const element of object.properties as Node[]) {
    if (element.type !== 'SpreadElement') continue;
    const found = spreadHelper(ctx, element);
    if (found === undefined) continue;
    const { mod, props, values } = found;
    const read = (key: string): string | undefined =>
      own?.has(key) === true ? stringValue(own.get(key)) : text(mod, props?.props.get(key), values);
    const handler = read('handler');
    if (own?.has('entry') === true || props?.props.has('entry') === true) {
      const entry = own?.has('entry') === true ? pathValue(ctx, own.get('entry')) : read('entry');
      return entry === undefined ? undefined : linkOfPaths(ctx.file, { entry, handler }, clearWhen);
    }
    const code = mod.valueOf(props?.props.get('code'));
    if (code?.type !== 'CallExpression' || calleeName(code) !== 'fromAsset') continue;
    const dir = text(mod, (code.arguments as Node[])[0], values);
    return dir === undefined ? undefined : linkOfPaths(ctx.file, { dir, handler }, clearWhen);
  }
  return undefined;
}

/**
 * The keys a props object gets from its spreads of imported helpers (`{ ...defaultProps(this, 'x'), timeout }`),
 * when every spread the module cannot read itself is such a helper returning an object literal whose own
 * keys are all plain; undefined when any spread or key stays unknown.
 * @example
 * // defaultProps returns { runtime, layers, timeout, entry, handler, bundling }
 * spreadHelperKeys(ctx, propsArg) // Set { 'runtime', 'layers', 'timeout', 'entry', 'handler', 'bundling' }
 */
export function spreadHelperKeys(ctx: ModuleContext, propsArg: Node | undefined): Set<string> | undefined {
  const object = unwrap(ctx.valueOf(propsArg));
  if (object?.type !== 'ObjectExpression') return undefined;
  const keys = new Set<string>();
  for (const element of object.properties as Node[]) {
    if (element.type !== 'SpreadElement') continue;
    // A spread of a local literal is read by openProps itself.
    if (openProps(ctx, element.argument as Node) !== undefined) continue;
    const found = spreadHelper(ctx, element);
    const open = found === undefined ? undefined : openProps(found.mod, found.object);
    if (open === undefined || open.unknown || open.fromCaller.length > 0) return undefined;
    for (const key of open.props.keys()) keys.add(key);
  }
  return keys;
}
