// swallowed-error for fetch: a body handed whole to a function of the same module that reads it deep
// (`getNextWeekFromSchedule(schedule, day)` whose code reads `schedule.schedules.find(...)`). An error
// answer lacks the outer field, so the read throws a TypeError there and the failure surfaces, as when
// the reading happens in the fetching function itself (uncheckedFetch.ts's readsDeep).
import { type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The module-local functions `body` is handed to between `from` and `scope`'s end, each with the name
 * of the parameter that receives it (`f(schedule)` -> [f's body text, 'schedule']).
 */
export function bodyReceivers(
  ctx: ModuleContext,
  scope: Node,
  from: number,
  body: string,
): { text: string; param: string }[] {
  const found: { text: string; param: string }[] = [];
  for (const call of ctx.of('CallExpression')) {
    if ((call.start as number) < from || (call.end as number) > scope.end) continue;
    const args = call.arguments as Node[];
    const index = args.findIndex((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === body);
    if (index < 0) continue;
    const fn = ctx.functionOf(call.callee as Node);
    const param = unwrap((fn?.params as Node[] | undefined)?.[index]);
    if (fn === undefined || param?.type !== 'Identifier') continue;
    const fnBody = fn.body as Node;
    found.push({ text: ctx.source.slice(fnBody.start, fnBody.end), param: param.name as string });
  }
  return found;
}
