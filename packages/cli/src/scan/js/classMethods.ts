// The methods of a module's own classes that a member reference reaches: `this.save`, `repo.put` of
// `const repo = new OrderRepo()`, and the method an export binds (`handler.main.bind(handler)`).
import { calleeName as calleeNameOf, isFunction, type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/**
 * The class method an export binds: `handlerClass.handler.bind(handlerClass)` of `const handlerClass = new
 * Lambda()`, Powertools' documented way to export a handler written as a class method (its decorators need
 * the class).
 */
export function boundMethod(ctx: ModuleContext, value: Node): Node | undefined {
  const v = ctx.valueOf(value);
  const bound =
    v?.type === 'CallExpression' && calleeNameOf(v) === 'bind' ? unwrap(unwrap(v.callee)?.object) : undefined;
  return bound === undefined ? undefined : methodTarget(ctx, bound);
}

/**
 * The method a member call or reference reaches in a class of this module: `this.save` inside the class,
 * or `repo.put` of `const repo = new OrderRepo()` (a service class the handler's module constructs).
 */
export function methodTarget(ctx: ModuleContext, member: Node | undefined): Node | undefined {
  if (member?.type !== 'MemberExpression') return undefined;
  const name = propertyName(member.property, member.computed as boolean);
  const object = unwrap(member.object);
  let cls: Node | undefined;
  if (object?.type === 'ThisExpression') {
    for (let n = ctx.parentOf(member); n !== undefined && cls === undefined; n = ctx.parentOf(n))
      if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression') cls = n;
  } else if (object?.type === 'Identifier' || object?.type === 'NewExpression') {
    // `handlerClass.handler.bind(handlerClass)`, or the instance made in place: `new Session().handler.bind(...)`.
    cls = instanceClass(ctx, object);
  }
  if (cls === undefined || name === undefined) return undefined;
  for (const m of (cls.body as Node).body as Node[]) {
    if (m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') continue;
    if (m.static === true || propertyName(m.key, m.computed as boolean) !== name) continue;
    const fn = unwrap(m.value as Node | null);
    return fn !== undefined && isFunction(fn) ? fn : undefined;
  }
  return undefined;
}

/** The class of this module that `value` is an instance of: `new Session()`, or a name bound to one. */
export function instanceClass(ctx: ModuleContext, value: Node): Node | undefined {
  const made = value.type === 'NewExpression' ? value : ctx.valueOf(value);
  const ctor = made?.type === 'NewExpression' ? unwrap(made.callee) : undefined;
  const binding = ctor?.type === 'Identifier' ? ctx.resolve(ctor.name as string, ctor) : undefined;
  return binding?.kind === 'class' ? binding.declaration : undefined;
}

/**
 * The instance methods (constructor aside) of the module's own class that `value` is an instance of:
 * `createHandler(new OrdersLambda())` hands the factory an object whose entry method it runs, and that
 * method (or the dispatcher the class inherits) calls the others.
 */
export function instanceMethods(ctx: ModuleContext, value: Node | undefined): Node[] {
  const v = unwrap(value);
  const cls = v?.type === 'NewExpression' || v?.type === 'Identifier' ? instanceClass(ctx, v) : undefined;
  if (cls === undefined) return [];
  const methods: Node[] = [];
  for (const m of (cls.body as Node).body as Node[]) {
    if (m.type !== 'MethodDefinition' && m.type !== 'PropertyDefinition') continue;
    if (m.static === true || m.kind === 'constructor') continue;
    const fn = unwrap(m.value as Node | null);
    if (fn !== undefined && isFunction(fn)) methods.push(fn);
  }
  return methods;
}

/** The methods of the instances an export's factory call is handed: `createHandler(new OrdersLambda())`. */
export function handedInstanceMethods(ctx: ModuleContext, value: Node): Node[] {
  const v = ctx.valueOf(value);
  if (v?.type !== 'CallExpression') return [];
  return (v.arguments as Node[]).flatMap((a) => instanceMethods(ctx, a));
}

/**
 * Does an export's value reach `fn`, a method of a class of this module, as handler discovery reads it: bound
 * (`handler.main.bind(handler)`), exported as is (`new Handler().handle`), or run by the factory an instance
 * is handed to (`createHandler(new OrdersLambda())`).
 */
export function exportsMethod(ctx: ModuleContext, value: Node, fn: Node): boolean {
  const v = ctx.valueOf(value);
  return (
    boundMethod(ctx, value) === fn ||
    (v?.type === 'MemberExpression' && methodTarget(ctx, v) === fn) ||
    handedInstanceMethods(ctx, value).includes(fn)
  );
}
