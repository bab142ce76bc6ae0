// Methods reached through an instance: a module calls `accounts.create(x)` on `const accounts = new
// AccountService()` of an imported class, on an imported instance (`export const accounts = new ...`), or on
// the object an imported service factory answers (`const service = WorkersService()`).
// What such callers do with the answer settles a catch in the method as it does for an exported function
// (resultUse.ts), keyed by the method's name in the class's module. Both sides read strictly: any naming of
// the method they cannot read as a call (handed on, destructured, a receiver of unknown origin) keeps it.

import { type Node, propertyName, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { failsOnAnswer } from './resultUse.js';

/**
 * The class module and method a call `x.m(...)` reaches when `x` is an imported instance (a named import) or
 * a variable made by `new` of an imported class; undefined for anything else.
 *
 * @example instanceCallee(ctx, callee) // { source: './account.service', name: 'create' } for accounts.create()
 */
export function instanceCallee(
  ctx: ModuleContext,
  callee: Node | undefined,
): { source: string; name: string } | undefined {
  if (callee?.type !== 'MemberExpression') return undefined;
  const object = unwrap(callee.object);
  const name = propertyName(callee.property, callee.computed as boolean);
  if (object?.type !== 'Identifier' || name === undefined) return undefined;
  const imp = ctx.importOf(object.name as string, object);
  if (imp !== undefined) return imp.imported === '*' ? undefined : { source: imp.source, name };
  const made = unwrap(ctx.resolve(object.name as string, object)?.init);
  // `new AccountService()`, or `WorkersService()` of an imported service factory (serviceFactoryMethods.ts).
  const cls =
    made?.type === 'NewExpression' || made?.type === 'CallExpression' ? unwrap(made.callee) : undefined;
  if (cls?.type !== 'Identifier') return undefined;
  const of = ctx.importOf(cls.name as string, cls);
  return of === undefined || of.imported === '*' ? undefined : { source: of.source, name };
}

/**
 * How many times the module's code reads a member `name` (`x.name`, `x?.name`), outside comments: a method
 * handed on (`run(svc.create)`) or called on another receiver is a naming the callers' reading must match.
 * A bare word (`export const create = ...`, a log string) is not a member of anything.
 */
export function memberMentions(ctx: ModuleContext, name: string): number {
  let count = 0;
  const text = ctx.source;
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + name.length)) {
    const after = text[at + name.length];
    if ((after !== undefined && /[\w$]/.test(after)) || !/\.\s*$/.test(text.slice(Math.max(0, at - 8), at)))
      continue;
    if (!ctx.comments.some((c) => c.start <= at && at < c.end)) count++;
  }
  return count;
}

/**
 * For a catch in class method `fn`: its name to ask the importers about when the module reads it as a
 * member only in `this.name(...)` calls that all fail on the answer (`local` when there are some);
 * undefined when the module reads it any other way or a local call may go on with the answer.
 *
 * @example methodCallers(ctx, fn, 'nullish') // { names: ['create'], local: false, method: true }
 */
export function methodCallers(
  ctx: ModuleContext,
  fn: Node,
  answer: 'nullish' | 'falsy',
): { names: string[]; local: boolean; method: true } | undefined {
  const member = ctx.parentOf(fn);
  if (member?.type !== 'MethodDefinition' && member?.type !== 'PropertyDefinition') return undefined;
  if (member.computed === true || member.key?.type !== 'Identifier' || member.kind === 'get')
    return undefined;
  const name = member.key.name as string;
  let calls = 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || unwrap(callee.object)?.type !== 'ThisExpression') continue;
    if (propertyName(callee.property, callee.computed as boolean) !== name) continue;
    const fails = failsOnAnswer(ctx, call);
    if (fails === undefined || (answer === 'falsy' && fails !== 'falsy')) return undefined;
    calls++;
  }
  return memberMentions(ctx, name) === calls ? { names: [name], local: calls > 0, method: true } : undefined;
}
