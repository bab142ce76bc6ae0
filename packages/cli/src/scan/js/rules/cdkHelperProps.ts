// The props of a CDK function a helper of the same module builds: `this.worker = this.buildFunction(scope,
// 'Worker', 'api/worker.ts', { timeout })` with `private buildFunction(scope, id, entry, overrides) { return
// new NodejsFunction(scope, id, { entry, ...overrides }); }`. The helper's props are read with each of its
// parameters replaced by the call's argument, so the handler's code (`entry`, or `code` and `handler`) is
// joined as if the construct were built in place.
import { forEachDescendant, memberPath, type Node, objectProps, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fieldAssigned } from './fieldAssigned.js';

/** Every node of a type below `root` (the module's index holds only the types most rules ask for). */
function nodesOf(root: Node, type: string): Node[] {
  const out: Node[] = [];
  forEachDescendant(root, (n) => {
    if (n.type === type) out.push(n);
    return undefined;
  });
  return out;
}

/**
 * The call a function expression holds: a local's initialiser, or the one call the module assigns to the
 * class field it reads.
 * @example
 * builtByCall(ctx, thisWorker) // the `createLambda({...})` call of `this.worker = createLambda({...})`
 */
export function builtByCall(ctx: ModuleContext, expr: Node | undefined): Node | undefined {
  const held = ctx.valueOf(unwrap(expr));
  if (held?.type === 'CallExpression') return held;
  return fieldAssigned(ctx, expr, 'CallExpression');
}

/** The module's function a call runs: a declared function or arrow, or a method of a class (`this.m(...)`). */
function calledHelper(ctx: ModuleContext, call: Node): Node | undefined {
  const callee = unwrap(call.callee as Node);
  if (callee?.type === 'Identifier') return ctx.functionOf(callee);
  const path = memberPath(callee);
  if (path?.length !== 2 || path[0] !== 'this') return undefined;
  const methods = nodesOf(ctx.program, 'MethodDefinition').filter(
    (m) => propertyName(m.key as Node, m.computed as boolean) === path[1],
  );
  return methods.length === 1 ? (methods[0]?.value as Node) : undefined;
}

/**
 * The one value a function returns, directly or through a local it returns (arrow bodies too); undefined
 * when it returns more than one value, or none.
 * @example
 * returnedValue(ctx, helper) // the `{ entry }` of `const defaults = (name) => ({ entry: name })`
 */
export function returnedValue(ctx: ModuleContext, helper: Node): Node | undefined {
  const body = helper.body as Node;
  const returned =
    body.type !== 'BlockStatement'
      ? [body]
      : nodesOf(body, 'ReturnStatement')
          .filter((r) => ctx.enclosingFunction(r) === helper && r.argument !== null)
          .map((r) => r.argument as Node);
  const built = returned.map((r) => ctx.valueOf(unwrap(r)));
  return built.length === 1 ? built[0] : undefined;
}

/**
 * The one `new X(...)` a function returns, directly or through a local it returns (arrow bodies too);
 * undefined when it returns something else, or more than one value.
 * @example
 * returnedNew(ctx, helper) // the `new NodejsFunction(...)` of `function build(s, id) { const fn = new NodejsFunction(s, id, {}); return fn; }`
 */
export function returnedNew(ctx: ModuleContext, helper: Node): Node | undefined {
  const fn = returnedValue(ctx, helper);
  return fn?.type === 'NewExpression' ? fn : undefined;
}

/** The one `new ...Function(...)` a helper returns (directly, or through a local it returns). */
function returnedFunction(ctx: ModuleContext, helper: Node): Node | undefined {
  const fn = returnedNew(ctx, helper);
  return /Function$/.test(memberPath(fn?.callee as Node)?.at(-1) ?? '') ? fn : undefined;
}

/**
 * The props of the function a helper of this module builds for `expr`, each value that is one of the
 * helper's parameters replaced by the call's argument; undefined when `expr` is not such a call.
 * @example
 * helperBuiltProps(ctx, fnExpr)?.props.get('entry') // the `'api/worker.ts'` of `this.buildFunction(scope, 'W', 'api/worker.ts', {})`
 */
export function helperBuiltProps(
  ctx: ModuleContext,
  expr: Node | undefined,
): ReturnType<typeof objectProps> | undefined {
  const call = builtByCall(ctx, expr);
  const helper = call === undefined ? undefined : calledHelper(ctx, call);
  const fn = helper === undefined ? undefined : returnedFunction(ctx, helper);
  const own = fn === undefined ? undefined : objectProps(ctx.valueOf((fn.arguments as Node[])[2]));
  if (call === undefined || helper === undefined || own === undefined) return undefined;
  const params = (helper.params as Node[]).map((p) =>
    p.type === 'Identifier'
      ? (p.name as string)
      : p.type === 'AssignmentPattern'
        ? (p.left as Node).name
        : undefined,
  );
  const args = call.arguments as Node[];
  const props = new Map<string, Node>();
  for (const [key, value] of own.props) {
    const v = unwrap(value);
    const at = v?.type === 'Identifier' ? params.indexOf(v.name as string) : -1;
    const arg = at === -1 ? value : args[at];
    if (arg !== undefined) props.set(key, arg);
  }
  return { props, spread: own.spread };
}
