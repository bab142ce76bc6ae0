// A domain entity that mints its own id: an exported class whose static factory (`Reservation.create(...)`)
// builds the class with a random value at the constructor's id parameter (`new Reservation(uuidv4(), ...)`
// into `public readonly reservationId`). The id is made in the entity's module, not where the record is
// written, so the key rules that read a written row (`Item: { id: uuid() }`) never see it: a retried
// consumer that creates the entity and saves it writes a second record under a new id. Kept, like the other
// shared-module findings, only when a redelivered or retried consumer reaches the factory (eventCallers.ts).
import { type Node, propertyName, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';
import { isRandom, RECORD_ID_FIELD } from './randomValues.js';

/**
 * Reports each random argument a static method of an exported class passes to its own class's constructor at
 * an id-named parameter (RECORD_ID_FIELD: `reservationId`, `id`), in a module with no handler. A value
 * object wrapping an id (`new OrderId(uuidv4())` into `constructor(value: string)`) names no id there, and
 * `fromObject(data)` passes the stored id back: neither is reported.
 */
export function entityFactoryIdRule(ctx: ModuleContext, report: Report): void {
  for (const created of ctx.of('NewExpression')) {
    const cls = ownClass(ctx, created);
    if (cls === undefined) continue;
    const params = constructorParams(cls);
    (created.arguments as Node[]).forEach((arg, i) => {
      const name = paramName(params[i]);
      if (name === undefined || !RECORD_ID_FIELD.test(name) || !isRandom(ctx, arg)) return;
      report(
        'random-id-nondeterministic',
        arg,
        `${name} is generated randomly by the entity's factory, in code a retried consumer reaches: a redelivered message creates and writes a second record`,
        { onlyIfConsumerCaller: sharedRequest(ctx, created) },
      );
    });
  }
}

/** The class a `new` builds when it is the class of the static method it is in (`static create() { return new Self(...) }`). */
function ownClass(ctx: ModuleContext, created: Node): Node | undefined {
  const callee = unwrap(created.callee);
  if (callee?.type !== 'Identifier') return undefined;
  let method: Node | undefined;
  for (let n = ctx.parentOf(created); n !== undefined; n = ctx.parentOf(n)) {
    if (n.type === 'MethodDefinition') method = n;
    if (n.type !== 'ClassDeclaration' && n.type !== 'ClassExpression') continue;
    return method?.static === true && n.id?.name === callee.name ? n : undefined;
  }
  return undefined;
}

/** The constructor's parameters of a class body, or none. */
function constructorParams(cls: Node): Node[] {
  for (const member of (cls.body?.body as Node[] | undefined) ?? [])
    if (member.type === 'MethodDefinition' && member.kind === 'constructor')
      return ((member.value as Node).params as Node[]) ?? [];
  return [];
}

/** A parameter's name: `id`, `public readonly reservationId: string`, `id = ''`. */
function paramName(param: Node | undefined): string | undefined {
  let p = param;
  if (p?.type === 'TSParameterProperty') p = p.parameter as Node;
  if (p?.type === 'AssignmentPattern') p = p.left as Node;
  return p?.type === 'Identifier' ? propertyName(p, false) : undefined;
}
