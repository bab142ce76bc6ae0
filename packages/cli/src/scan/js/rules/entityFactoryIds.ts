// A domain entity that mints its own id: a class whose static factory (`Reservation.create(...)`) builds the
// class with a random value at the constructor's id parameter (`new Reservation(uuidv4(), ...)` into
// `public readonly reservationId`). The id is made in the entity's module, not where the record is
// written, so the key rules that read a written row (`Item: { id: uuid() }`) never see it: a retried
// consumer that creates the entity and saves it writes a second record under a new id. Kept, like the other
// shared-module findings, only when a redelivered or retried consumer reaches the factory (eventCallers.ts).

import type { SharedRequest } from '../../callerLookup.js';
import { type Node, paramName, unwrap } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';
import { traceIdKey } from './emittedIds.js';
import type { Report } from './Report.js';
import { isRandom, RECORD_ID_FIELD } from './randomValues.js';

/**
 * Reports each random argument a static method of a class passes to its own class's constructor at an
 * id-named parameter (RECORD_ID_FIELD: `reservationId`, `id`; not a trace or correlation id, which names
 * no record). The caller (idempotency.ts) asks only in a module with no handler. A value object wrapping an
 * id (`new OrderId(uuidv4())` into `constructor(value: string)`) names no id there, and `fromObject(data)`
 * passes the stored id back: neither is reported. Only a `static` method declared as one, building the class
 * by its name, with a constructor of its own taking positional parameters, is read (see rules.json).
 */
export function entityFactoryIdRule(ctx: ModuleContext, report: Report): void {
  for (const created of ctx.of('NewExpression')) {
    const cls = ownClass(ctx, created);
    if (cls === undefined) continue;
    const params = constructorParams(cls);
    (created.arguments as Node[]).forEach((arg, i) => {
      const name = paramName(params[i]);
      if (name === undefined || !RECORD_ID_FIELD.test(name) || traceIdKey(name) || !isRandom(ctx, arg))
        return;
      report(
        'random-id-nondeterministic',
        arg,
        `${name} is generated randomly by the entity's factory, in code a retried consumer reaches: a redelivered message creates and writes a second record`,
        { onlyIfConsumerCaller: qualifiedStatics(sharedRequest(ctx, created), cls) },
      );
    });
  }
}

/**
 * The request with the class's static methods named through the class (`Booking.create`): a factory's name
 * is nearly always `create`, and an importer calling `prisma.audit.create(` does not call `Booking.create(`.
 * An importer that aliases the class (`import { Booking as B }`) is not seen calling it.
 */
function qualifiedStatics(request: SharedRequest, cls: Node): SharedRequest {
  const owner = cls.id?.name as string | undefined;
  if (owner === undefined) return request;
  const statics = new Set<string>();
  for (const member of (cls.body?.body as Node[] | undefined) ?? [])
    if (member.static === true && unwrap(member.key)?.type === 'Identifier')
      statics.add(member.key.name as string);
  return { ...request, names: request.names.map((n: string) => (statics.has(n) ? `${owner}.${n}` : n)) };
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
