// An async method of a class this module declares, called on an instance the module builds: the service
// a handler keeps (`const notifier = new Notifier(client); ... notifier.notify(body);`) or a class keeps on a
// field (`this.store = new Store()` in its constructor, then `this.store.save(item)`). The method's own
// outbound work (`await this.client.send(cmd)`) is still pending when the call returns, as for an async
// method called on `this` (floatingShapes.ts ownAsyncMethod); imported classes are the project pass's
// (asyncMethods.ts importedInstanceMethod). Also whether a statement runs in a class the module constructs
// at all (inConstructedClass), which puts a method's work on its handler's path.
import { forEachDescendant, isFunction, type Node, propertyName, unwrap } from '../ast.js';
import { asyncMethodsOf } from '../asyncMethods.js';
import { enclosingClass } from '../httpInstances.js';
import type { ModuleContext } from '../ModuleContext.js';
import { ownAsyncMethod } from './floatingShapes.js';

/**
 * `call` answers a promise still pending when it returns: an async method of the same class on `this`, or
 * of a class of this module on an instance the module builds.
 *
 * @example
 * localAsyncMethod(ctx, call) // class N { async notify() { await c.send(x) } } const n = new N(); n.notify() -> true
 */
export function localAsyncMethod(ctx: ModuleContext, call: Node): boolean {
  if (ownAsyncMethod(ctx, call)) return true;
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const method = propertyName(callee.property, callee.computed as boolean);
  const cls = method === undefined ? undefined : builtLocalClass(ctx, unwrap(callee.object));
  return cls !== undefined && (asyncMethodsOf(ctx, cls)?.includes(method as string) ?? false);
}

/** The class of this module that `receiver` is an instance of, when the module builds it there. */
function builtLocalClass(ctx: ModuleContext, receiver: Node | undefined): Node | undefined {
  let made: Node | undefined;
  if (receiver?.type === 'Identifier') made = unwrap(ctx.valueOf(receiver));
  else if (receiver?.type === 'MemberExpression' && unwrap(receiver.object)?.type === 'ThisExpression')
    made = fieldConstruction(ctx, receiver);
  if (made?.type !== 'NewExpression') return undefined;
  const built = unwrap(made.callee as Node);
  if (built?.type !== 'Identifier') return undefined;
  const binding = ctx.resolve(built.name as string, built);
  return binding?.kind === 'class' ? binding.declaration : undefined;
}

/** Per class, the one `new X(...)` each field is given, or null when it is given anything else too. */
const fieldsBuilt = new WeakMap<Node, Map<string, Node | null>>();

/** The `new X(...)` `this.<field>` always holds: its initializer, or every assignment the class makes to it. */
function fieldConstruction(ctx: ModuleContext, member: Node): Node | undefined {
  const field = propertyName(member.property, member.computed as boolean);
  const cls = field === undefined ? undefined : enclosingClass(ctx, member);
  if (cls === undefined || field === undefined) return undefined;
  let fields = fieldsBuilt.get(cls);
  if (fields === undefined) {
    fields = classFieldsBuilt(ctx, cls);
    fieldsBuilt.set(cls, fields);
  }
  return fields.get(field) ?? undefined;
}

function classFieldsBuilt(ctx: ModuleContext, cls: Node): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  const give = (field: string | undefined, value: Node | undefined) => {
    if (field === undefined) return;
    const v = unwrap(ctx.valueOf(value) ?? value);
    const known = out.get(field);
    const same =
      v?.type === 'NewExpression' &&
      (known === undefined ||
        ctx.source.slice(known?.callee.start, known?.callee.end) === calleeText(ctx, v));
    out.set(field, same ? (known ?? (v as Node)) : null);
  };
  for (const el of (cls.body as Node).body as Node[]) {
    if (el.type === 'PropertyDefinition' && el.value)
      give(propertyName(el.key, el.computed as boolean), el.value);
    if (el.type === 'MethodDefinition' && isFunction(el.value))
      forEachDescendant(el.value.body as Node, (n) => {
        if (n.type !== 'AssignmentExpression') return true;
        const left = unwrap(n.left as Node);
        if (left?.type === 'MemberExpression' && unwrap(left.object)?.type === 'ThisExpression')
          give(
            propertyName(left.property, left.computed as boolean),
            n.operator === '=' ? n.right : undefined,
          );
        return true;
      });
  }
  return out;
}

function calleeText(ctx: ModuleContext, made: Node): string {
  const callee = made.callee as Node;
  return ctx.source.slice(callee.start, callee.end);
}

/** The statement is in a method of a class this handler's module constructs (`const w = new Worker()`). */
export function inConstructedClass(ctx: ModuleContext, stmt: Node): boolean {
  let cls: Node | undefined;
  for (let n = ctx.parentOf(stmt); n !== undefined && cls === undefined; n = ctx.parentOf(n))
    if (n.type === 'ClassDeclaration') cls = n;
  const name = cls?.id?.name as string | undefined;
  if (name === undefined) return false;
  return ctx.of('NewExpression').some((made) => {
    const callee = unwrap(made.callee);
    return (
      callee?.type === 'Identifier' && callee.name === name && ctx.resolve(name, callee)?.declaration === cls
    );
  });
}
