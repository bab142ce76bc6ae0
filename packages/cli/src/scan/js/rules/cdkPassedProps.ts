// Props that reach a CDK construct through a spread (`{ ...lambdaDefaults, entry }`, `{ retryAttempts: 3,
// ...props.targetProps }`) or a project helper's merge (`getFunctionProps({ entry })`, cdkMergedProps.ts):
// a local object literal is read in place; a spread of the enclosing function's or
// construct's parameter is settled where that helper is called or built (`createConsumer(stack, defaults)`,
// `new EventsToLambda(this, id, { targetProps: {...} })`), in this module or another.

import type { Project } from '../../project.js';
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ImportRef, PassedProps, PropsFromCaller } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { importRefOf } from '../sdkOptions.js';
import { functionConstruct } from './cdkHandlers.js';
import { mergedProps } from './cdkMergedProps.js';
import { ownerOf } from './cdkWrappers.js';

/** Props as far as this module shows them: keys seen, and the parameters the rest comes from. */
export interface OpenProps {
  readonly props: Map<string, Node>;
  /** Something this module cannot follow (a call's result, a computed key). */
  readonly unknown: boolean;
  /** Where the rest comes from: the owner's parameter (and the key read from it). */
  readonly fromCaller: { readonly arg: number; readonly key?: string }[];
}

/** `param`, `param.key`, or a key destructured from a parameter (`{ key }`): which argument, which key. */
function parameterRead(ctx: ModuleContext, node: Node): { arg: number; key?: string } | undefined {
  const n = unwrap(node);
  let root = n;
  let key: string | undefined;
  if (n?.type === 'MemberExpression') {
    root = unwrap(n.object as Node);
    key = propertyName(n.property as Node, n.computed as boolean);
    if (key === undefined) return undefined;
  }
  if (root?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(root.name as string, root);
  if (binding?.kind !== 'param') return undefined;
  const fn = binding.scope;
  const params = (fn.params ?? ctx.parentOf(fn)?.params ?? []) as Node[];
  const decl = binding.declaration;
  for (const [i, p] of params.entries()) {
    if (!(p.start <= decl.start && decl.end <= p.end)) continue;
    const own = p.type === 'TSParameterProperty' ? (p.parameter as Node) : p;
    const id = own.type === 'AssignmentPattern' ? (own.left as Node) : own;
    if (id.type === 'Identifier') return { arg: i, ...(key !== undefined ? { key } : {}) };
    // `{ targetProps }`: one key of the argument; deeper patterns are not followed.
    if (id.type === 'ObjectPattern' && key === undefined)
      for (const prop of id.properties as Node[])
        if (prop.type === 'Property' && unwrap(prop.value as Node)?.name === root.name)
          return { arg: i, key: propertyName(prop.key, prop.computed) ?? '' };
    return undefined;
  }
  return undefined;
}

/** The keys of a props expression, following spreads of local literals and of the owner's parameters. */
export function openProps(ctx: ModuleContext, node: Node | undefined, depth = 0): OpenProps | undefined {
  if (node === undefined) return undefined;
  const out: OpenProps = { props: new Map(), unknown: false, fromCaller: [] };
  const from = parameterRead(ctx, node);
  if (from !== undefined) {
    out.fromCaller.push(from);
    return out;
  }
  const obj = ctx.valueOf(node);
  if (obj?.type === 'CallExpression' && depth <= 3) return mergedProps(ctx, obj, depth, openProps);
  if (obj?.type !== 'ObjectExpression' || depth > 3) return undefined;
  let unknown = false;
  for (const p of obj.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const inner = openProps(ctx, p.argument as Node, depth + 1);
      if (inner === undefined) unknown = true;
      else {
        for (const [k, v] of inner.props) out.props.set(k, v);
        out.fromCaller.push(...inner.fromCaller);
        unknown ||= inner.unknown;
      }
      continue;
    }
    const key = p.type === 'Property' ? propertyName(p.key, p.computed) : undefined;
    if (key === undefined) unknown = true;
    else out.props.set(key, p.value as Node);
  }
  return { ...out, unknown };
}

/** The names this module exports the owner of `at` under: callers elsewhere reach it by these. */
function exportNames(ctx: ModuleContext, owner: Node): string[] {
  const names: string[] = [];
  for (const [name, node] of ctx.exports) if (node === owner) names.push(name);
  return names;
}

/**
 * The condition a finding at `at` carries when the props it judged come in part from the owner's
 * parameters: kept only if some caller passes them without any of each part's `keys`. Undefined when nothing came from
 * a caller; null when the owner cannot be named (then the finding cannot be settled and is dropped).
 */
export function fromCallers(
  ctx: ModuleContext,
  at: Node,
  parts: PropsFromCaller['parts'],
): PropsFromCaller | null | undefined {
  if (parts.length === 0) return undefined;
  const owner = ownerOf(ctx, at);
  const names = owner === undefined ? [] : exportNames(ctx, owner);
  const local = owner?.type === 'ClassDeclaration' || owner?.type === 'FunctionDeclaration';
  const localName = local ? (owner?.id?.name as string | undefined) : undefined;
  if (names.length === 0 && localName === undefined) return null;
  return {
    names,
    ...(localName !== undefined ? { local: localName } : {}),
    parts,
  };
}

/** Shape of one argument a helper is given: its keys, and one level of nested literals. */
function shapeOf(ctx: ModuleContext, arg: Node | undefined): PassedProps['args'][number] {
  const open = openProps(ctx, arg);
  if (open === undefined || open.unknown || open.fromCaller.length > 0) return null;
  const inner: Record<string, readonly string[] | null> = {};
  for (const [k, v] of open.props) {
    // A function construct handed in (`{ handler: worker }`): its own props, where its DLQ would be set.
    const built = functionConstruct(ctx, v);
    const nested = openProps(ctx, built === undefined ? v : (built.node.arguments as Node[])[2]);
    inner[k] =
      nested === undefined || nested.unknown || nested.fromCaller.length > 0
        ? null
        : [...nested.props.keys()];
  }
  return inner;
}

/**
 * Every call or construction, in a CDK module, of a project-imported or local helper with props: the
 * facts a spread of the helper's parameter is settled with.
 */
export function notePassedProps(ctx: ModuleContext): void {
  for (const type of ['NewExpression', 'CallExpression'] as const)
    for (const node of ctx.of(type)) {
      const callee = unwrap(node.callee as Node);
      if (callee?.type !== 'Identifier') continue;
      const args = node.arguments as Node[];
      if (args.length === 0) continue;
      const name = callee.name as string;
      const ref: ImportRef | undefined = ctx.projectImports.has(name) ? importRefOf(ctx, callee) : undefined;
      const local = ref === undefined ? ctx.resolve(name, callee) : undefined;
      if (ref === undefined && local?.kind !== 'class' && local?.kind !== 'function') continue;
      ctx.passedProps.push({
        ...(ref !== undefined ? { ref } : { local: name }),
        args: args.map((a) => (a.type === 'SpreadElement' ? null : shapeOf(ctx, a))),
      });
    }
}

/** Some call of the helper passes every part without any of its keys (the project side of `fromCallers`). */
export function callersOmit(project: Project, file: string, cond: PropsFromCaller): boolean {
  // Callers the rule gate deferred are analysed now, only those whose text names the helper.
  // A default export is imported under any name: its deferred callers are not searched for (every text says "default").
  const named = cond.names.filter((n) => n !== 'default');
  if (named.length > 0)
    for (const [other, source] of [...project.deferred])
      if (named.some((n) => source.includes(`${n}(`))) project.factsOf(other);
  const calls = project.passedProps.filter(({ file: from, pass }) =>
    pass.ref !== undefined
      ? cond.names.includes(pass.ref.name) && project.resolveModule(pass.ref.from, pass.ref.source) === file
      : from === file && pass.local !== undefined && pass.local === cond.local,
  );
  // Only a handed-in function to judge and no caller in sight: reported, as a function built elsewhere is.
  if (calls.length === 0) return cond.parts.every((part) => part.unreadOmits === true);
  return calls.some(({ pass }) => cond.parts.every((part) => omits(pass.args[part.arg], part)));
}

function omits(
  arg: PassedProps['args'][number] | undefined,
  part: PropsFromCaller['parts'][number],
): boolean {
  if (arg === undefined) return true;
  if (arg === null) return part.unreadOmits === true;
  if (part.key === undefined) return !part.keys.some((k) => k in arg);
  if (!(part.key in arg)) return true;
  const nested = arg[part.key];
  if (nested === null || nested === undefined) return part.unreadOmits === true;
  return !part.keys.some((k) => nested.includes(k));
}
