// Functions a library construct wraps and hands out through a field: `@bifravst/aws-cdk-lambda-helpers`'
// `new PackedLambdaFn(this, id, source, { environment, initialPolicy })` builds a `lambda.Function` and keeps
// it in `.fn`, which rules, topic rules and event sources are then given (`new LambdaFunction(packed.fn)`,
// `functionArn: this.packed.fn.functionArn`). The wrapper's last object argument is the function's props,
// so a DLQ or onFailure destination is read there, and the finding sits at the wrapper, where the fix goes.
// Wrappers name the field for what it holds (`.fn`, `.lambdaFunction`, `.tsLambdaFunction`, `.handlerFn`) and
// often nest the function's own props one level down (`{ entryPath, customOptions: { timeout } }`).
import { memberPath, type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { cdkConstruct } from './cdkConstructName.js';
import { fieldBuilt, fieldConstruct, functionConstruct } from './cdkHandlers.js';
import { type OpenProps, openProps } from './cdkPassedProps.js';

/** The field names a wrapper keeps its function under: the word itself or a camelCase name ending in it. */
const FUNCTION_FIELD = /^(fn|func|function|lambda)$|[a-z0-9](Fn|Func|Function|Lambda)$/;
/** The class names of wrappers: a construct named for the function it builds. */
const WRAPPER_NAME = /(Fn|Func|Function|Lambda)$/;

/**
 * A function construct and the argument holding its props.
 * @example
 * const built: BuiltFunction = { node: newFn, propsArg: newFn.arguments[2], wrapper: false };
 */
export interface BuiltFunction {
  readonly node: Node;
  readonly propsArg: Node | undefined;
  /** Built by a wrapper construct: the finding goes to the wrapper, whose props are the fix's place. */
  readonly wrapper: boolean;
}

/**
 * The wrapper construct behind `wrapper.fn` (a local or a field the module assigns once), with its last
 * object argument as the function's props; undefined for anything else, a CDK construct included (its own
 * fields are not functions it was given props for).
 * @example
 * wrappedFunction(ctx, fnExpr) // `this.store.fn` with `this.store = new PackedLambdaFn(this, 'store', src, props)`
 */
export function wrappedFunction(ctx: ModuleContext, expr: Node | undefined): BuiltFunction | undefined {
  const n = unwrap(expr);
  if (n?.type !== 'MemberExpression') return undefined;
  if (!FUNCTION_FIELD.test(propertyName(n.property as Node, n.computed as boolean) ?? '')) return undefined;
  const owner = unwrap(n.object as Node);
  const held = ctx.valueOf(owner);
  const built = held?.type === 'NewExpression' ? held : fieldBuilt(ctx, owner);
  if (built?.type !== 'NewExpression' || cdkConstruct(ctx, built) !== undefined) return undefined;
  if (!WRAPPER_NAME.test(memberPath(built.callee)?.at(-1) ?? '')) return undefined;
  const args = built.arguments as Node[];
  const propsArg = [...args].reverse().find((a) => ctx.valueOf(unwrap(a))?.type === 'ObjectExpression');
  return propsArg === undefined ? undefined : { node: built, propsArg, wrapper: true };
}

/**
 * The function construct an expression names, built in this module: a CDK function (`new Function(...)`,
 * a local or a field assigned once, props in its third argument) or a wrapper's field ({@link wrappedFunction}).
 * @example
 * builtFunction(ctx, fnExpr)?.propsArg // the `{ ... }` of `new NodejsFunction(this, 'F', { ... })`
 */
export function builtFunction(ctx: ModuleContext, expr: Node | undefined): BuiltFunction | undefined {
  const fn = functionConstruct(ctx, expr) ?? (expr === undefined ? undefined : fieldConstruct(ctx, expr));
  if (fn !== undefined) return { node: fn.node, propsArg: (fn.node.arguments as Node[])[2], wrapper: false };
  return wrappedFunction(ctx, expr);
}

/** Keys only a function's own props hold: the nested object with one of them is where a wrapper passes them. */
const FUNCTION_PROP = /^(handler|entry|runtime|timeout|memorySize)$/;

/**
 * Whether an object's keys are a function's own props (`{ timeout, memorySize }`), not another resource's
 * options (`inputQueueOptions`) or the function's environment, bundling or tags.
 * @example
 * holdsFunctionProps(['timeout', 'deadLetterQueue']) // true
 */
export function holdsFunctionProps(keys: Iterable<string>): boolean {
  for (const key of keys) if (FUNCTION_PROP.test(key)) return true;
  return false;
}

/**
 * The props a built function is given: a wrapper's own and, one level down, those of the one object literal
 * holding the function's own props (`functionOptions: { timeout, deadLetterQueue }`). Other nested objects
 * (environment, another resource's options) are ignored; unknown only when the wrapper's own props or that
 * object cannot be read.
 * @example
 * builtProps(ctx, fn)?.props.has('deadLetterQueue')
 */
export function builtProps(ctx: ModuleContext, fn: BuiltFunction): OpenProps | undefined {
  const open = openProps(ctx, fn.propsArg);
  if (open === undefined || !fn.wrapper || open.unknown) return open;
  for (const value of open.props.values()) {
    const inner = ctx.valueOf(unwrap(value));
    if (inner?.type !== 'ObjectExpression') continue;
    const nested = openProps(ctx, inner);
    if (nested === undefined || !holdsFunctionProps(nested.props.keys())) continue;
    const props = new Map(open.props);
    for (const [key, node] of nested.props) if (!props.has(key)) props.set(key, node);
    return { props, unknown: nested.unknown || nested.fromCaller.length > 0, fromCaller: open.fromCaller };
  }
  return open;
}
