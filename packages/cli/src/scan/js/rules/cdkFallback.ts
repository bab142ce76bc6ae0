// A CDK construct built only when the caller hands in none of its own: `props.fn ?? new Function(...)`,
// `props.fn ? props.fn : new Function(...)`, or the `else` of `if (props.existingBus) {...} else {...}`
// (aws-solutions-constructs' `existingXObj` / `xProps` pair, copied into many projects' own constructs).
// What such a construct lacks matters only if some caller leaves that prop out; the condition is settled
// where the construct is called (cdkPassedProps.ts `callersOmit`), also when the branch sits in a method
// the constructor hands its props to (`this.buildBus(props)`).
import { isFunction, memberPath, type Node, unwrap } from '../ast.js';
import type { PropsFromCaller } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fromCallers, openProps } from './cdkPassedProps.js';

/** The prop whose presence skips building `node`: `props.fn` of `props.fn ?? new X()`, of `if (props.fn) ... else new X()`. */
function givenInstead(ctx: ModuleContext, node: Node, statements: boolean): Node | undefined {
  const { parent } = ctx.climb(node, (p) => p.type.startsWith('TS') || p.type === 'ParenthesizedExpression');
  if (parent?.type === 'ConditionalExpression' && unwrap(parent.alternate as Node) === node)
    return parent.test as Node;
  if (
    parent?.type === 'LogicalExpression' &&
    parent.operator !== '&&' &&
    unwrap(parent.right as Node) === node
  )
    return parent.left as Node;
  if (!statements) return undefined;
  // The nearest `if` of the same function whose `else` holds the construct (`else if` chains included),
  // or whose test negates the prop (`if (!props.existingBus) { new EventBus(...) }`).
  let child = node;
  for (let p = ctx.parentOf(node); p !== undefined && !isFunction(p); child = p, p = ctx.parentOf(p)) {
    if (p.type !== 'IfStatement') continue;
    const test = unwrap(p.test as Node);
    if (p.alternate === child) return test?.type === 'MemberExpression' ? test : undefined;
    if (p.consequent === child && test?.type === 'UnaryExpression' && test.operator === '!') {
      const arg = unwrap(test.argument as Node);
      return arg?.type === 'MemberExpression' ? arg : undefined;
    }
  }
  return undefined;
}

/**
 * A method's parameter `arg` that the constructor fills with its own parameter in every call
 * (`this.buildBus(props)`): that constructor parameter's index and a node inside the constructor.
 */
function throughConstructor(
  ctx: ModuleContext,
  at: Node,
  arg: number,
): { arg: number; at: Node } | undefined {
  const fn = ctx.enclosingFunction(at);
  const method = fn === undefined ? undefined : ctx.parentOf(fn);
  if (method?.type !== 'MethodDefinition' || method.kind !== 'method') return undefined;
  const name = method.key?.type === 'Identifier' ? (method.key.name as string) : undefined;
  const body = ctx.parentOf(method);
  const ctor = (body?.body as Node[] | undefined)?.find(
    (m) => m.type === 'MethodDefinition' && m.kind === 'constructor',
  );
  const ctorFn = ctor?.value as Node | undefined;
  if (name === undefined || ctorFn === undefined) return undefined;
  const params = (ctorFn.params as Node[]).map((p) => (p.type === 'TSParameterProperty' ? p.parameter : p));
  let found: { arg: number; at: Node } | undefined;
  for (const call of ctx.of('CallExpression')) {
    if (memberPath(call.callee)?.join('.') !== `this.${name}`) continue;
    if (!(ctorFn.start <= call.start && call.end <= ctorFn.end)) return undefined;
    const given = unwrap((call.arguments as Node[])[arg]);
    const index = params.findIndex((p) => p?.type === 'Identifier' && p.name === given?.name);
    if (given?.type !== 'Identifier' || index === -1 || (found !== undefined && found.arg !== index))
      return undefined;
    found = { arg: index, at: call };
  }
  return found;
}

/**
 * The condition for a construct built only when the caller hands in none (`props.fn ?? new Function(...)`):
 * kept if some caller leaves `fn` out. Undefined when `node` is not such a fallback; null when it is one the
 * scan cannot settle. With `statements`, an `if`/`else` on the prop counts too, also in a method the
 * constructor hands its props to.
 */
export function fallbackFor(
  ctx: ModuleContext,
  node: Node,
  statements = false,
): PropsFromCaller | null | undefined {
  const given = givenInstead(ctx, node, statements);
  if (given === undefined) return undefined;
  const from = openProps(ctx, given)?.fromCaller;
  const part = from?.length === 1 ? from[0] : undefined;
  if (part?.key === undefined) return null;
  const hop = statements ? throughConstructor(ctx, node, part.arg) : undefined;
  if (hop !== undefined) return fromCallers(ctx, hop.at, [{ arg: hop.arg, keys: [part.key] }]);
  return fromCallers(ctx, node, [{ arg: part.arg, keys: [part.key] }]);
}
