// Props a project helper merges for a construct: `new NodejsFunction(this, id, getNodejsFunctionProps({
// environment }))` with `export const getNodejsFunctionProps = (props) => ({ ...NODE_DEFAULT_PROPS, ...props,
// environment: { ...NODE_DEFAULT_PROPS.environment, ...props?.environment } })`, or `Object.assign({},
// defaults, { entry })`. The helper only lays the caller's object over its defaults, so the construct's props
// are the defaults' keys, the helper's own keys and the object the call hands it. Without this, every
// function built this way reads as props the scan cannot know, and its rule targets, sources and grants are
// never judged. A helper that does anything else with its parameter (reads one field of it, builds a
// construct) is no merge and stays unknown.
import { forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { returnedValue } from './cdkHelperProps.js';
import { helperFunction } from './cdkImportedHelpers.js';
import type { OpenProps } from './cdkPassedProps.js';

/** openProps, handed in: this module is one of its steps. */
type Open = (ctx: ModuleContext, node: Node | undefined, depth: number) => OpenProps | undefined;

/** A helper module worth parsing for this: it spreads something into an object. */
const SPREADS = /\.\.\.\s*[\w(]/;

/** The merge helper a call runs, and the module it is written in (the caller's own or a relative import). */
function mergeHelper(ctx: ModuleContext, call: Node): { mod: ModuleContext; helper: Node } | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier') return undefined;
  const local = ctx.functionOf(callee);
  if (local !== undefined) return { mod: ctx, helper: local };
  const imp = ctx.importOf(callee.name as string, callee);
  if (imp === undefined || !imp.source.startsWith('.')) return undefined;
  return helperFunction(ctx.file, imp.source, imp.imported, SPREADS);
}

/** Which of the helper's parameters a spread lays on (`...props`, `...(props ?? {})`); -1 for none. */
function spreadParameter(helper: Node, argument: Node): number {
  let n = unwrap(argument);
  if (n?.type === 'LogicalExpression' && (n.operator === '??' || n.operator === '||'))
    n = unwrap(n.left as Node);
  if (n?.type !== 'Identifier') return -1;
  return (helper.params as Node[]).findIndex((p) => {
    const id = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    return id.type === 'Identifier' && id.name === n?.name;
  });
}

/** Lays `from` over `into`: its keys win, its callers' parts and unknowns join. */
function layOver(
  into: { props: Map<string, Node>; unknown: boolean; fromCaller: OpenProps['fromCaller'][number][] },
  from: OpenProps | undefined,
): void {
  if (from === undefined) {
    into.unknown = true;
    return;
  }
  for (const [k, v] of from.props) into.props.set(k, v);
  into.fromCaller.push(...from.fromCaller);
  into.unknown ||= from.unknown;
}

/**
 * The props a call makes when it is a pure merge: a project helper (this module's, or a relatively imported
 * one) whose one returned object literal spreads one of its parameters beside its defaults, or
 * `Object.assign` of objects. The caller's object is read where it is written (its values are this module's
 * nodes); keys only the helper writes keep the helper's nodes. Undefined when the call is no such merge.
 * @example
 * mergedProps(ctx, call, 0, openProps)?.props.has('environment') // `getNodejsFunctionProps({ environment })`
 */
export function mergedProps(
  ctx: ModuleContext,
  call: Node,
  depth: number,
  open: Open,
): OpenProps | undefined {
  const out = {
    props: new Map<string, Node>(),
    unknown: false,
    fromCaller: [] as OpenProps['fromCaller'][number][],
  };
  const args = call.arguments as Node[];
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'MemberExpression' && propertyName(callee.property as Node, false) === 'assign') {
    if (unwrap(callee.object as Node)?.name !== 'Object' || args.length === 0) return undefined;
    for (const arg of args)
      layOver(out, arg.type === 'SpreadElement' ? undefined : open(ctx, arg, depth + 1));
    return out;
  }
  const found = mergeHelper(ctx, call);
  const object = found === undefined ? undefined : returnedValue(found.mod, found.helper);
  if (found === undefined || object?.type !== 'ObjectExpression') return undefined;
  const { mod, helper } = found;
  let merges = false;
  for (const p of object.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const at = spreadParameter(helper, p.argument as Node);
      merges ||= at >= 0;
      const arg = at >= 0 ? args[at] : undefined;
      // The caller leaving the parameter out lays nothing over the defaults.
      if (at >= 0 && arg !== undefined) layOver(out, open(ctx, arg, depth + 1));
      else if (at < 0) layOver(out, open(mod, p.argument as Node, depth + 1));
      continue;
    }
    const key = p.type === 'Property' ? propertyName(p.key as Node, p.computed as boolean) : undefined;
    if (key === undefined) out.unknown = true;
    // A key the helper rebuilds from the caller's (`environment: { ...DEFAULTS.environment, ...props.environment }`)
    // keeps the caller's node when the caller wrote one: it is the part read in the caller's module.
    else if (!out.props.has(key) || !ownsKey(helper, p.value as Node)) out.props.set(key, p.value as Node);
  }
  return merges ? out : undefined;
}

/** Whether a helper's value reads one of its parameters (a key it merges from the caller's object). */
function ownsKey(helper: Node, value: Node): boolean {
  const names = new Set<string>();
  for (const p of helper.params as Node[]) {
    const id = p.type === 'AssignmentPattern' ? (p.left as Node) : p;
    if (id.type === 'Identifier') names.add(id.name as string);
  }
  const isParam = (n: Node) => n.type === 'Identifier' && names.has(n.name as string);
  let reads = isParam(value);
  forEachDescendant(value, (n) => {
    reads ||= isParam(n);
    return !reads;
  });
  return reads;
}
