// A project function handed to another project function as a value: `handleSqsEvent(processIndexing, event,
// QUEUE)`, `handleScheduleRequest(request, readEvents)`, `BaseRepository.transaction(handler, model)` with
// `handler` picked from a table of functions (js/functionTables.ts). The work runs inside the runner, so it is
// on the path of the code that calls the runner, when the runner runs that parameter: this module names what
// it hands where, the runner's module which parameters it runs (js/calledParams.ts), and the project pass
// joins the two (handedReach.ts).
import { type Node, propertyName, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { pickedFunctions } from './functionTables.js';
import { exportsReaching } from './handlerImports.js';
import type { ModuleContext } from './ModuleContext.js';
import { projectCall } from './projectCall.js';

/** Project functions handed to a project function (or a method of a project class) at one position. */
export interface HandedWork {
  /** The function called, or the class or instance whose `method` is called. */
  readonly callee: ImportRef;
  readonly method?: string;
  /** The argument's position. */
  readonly index: number;
  /** The functions the argument may be. */
  readonly work: readonly ImportRef[];
  /** On this module's handler path (`true`, as handlerCalls counts it), or the exports reaching the call. */
  readonly reach: true | readonly string[];
}

/** Could the argument name a project function or a pick from a table? (a cheap test before the lookups) */
function mayHandWork(ctx: ModuleContext, arg: Node): boolean {
  const a = unwrap(arg);
  if (a?.type === 'Identifier') return true;
  const owner = a?.type === 'MemberExpression' ? unwrap(a.object as Node) : undefined;
  // `table[key]` picks from a table of the module; `lib.run` names a function of a project module.
  return owner?.type === 'Identifier' && (a?.computed === true || ctx.imports.has(owner.name as string));
}

/**
 * Every call of a project function that hands it project functions, with where the call is reached from.
 *
 * @example
 * handedWork(ctx) // [{ callee: { source: 'src/core/utils/sqs', name: 'handleSqsEvent' }, index: 0, work: [processIndexing], reach: true }]
 */
export function handedWork(ctx: ModuleContext): HandedWork[] {
  const out: HandedWork[] = [];
  if (ctx.imports.size === 0) return out;
  const handler = ctx.handlers.size > 0;
  for (const call of ctx.of('CallExpression')) {
    const args = call.arguments as Node[];
    if (args.length === 0 || !args.some((a) => mayHandWork(ctx, a))) continue;
    const fn = ctx.enclosingFunction(call);
    if (fn === undefined) continue;
    const handed: [number, ImportRef[]][] = [];
    for (const [i, arg] of args.entries()) {
      if (arg.type === 'SpreadElement') break;
      const work = mayHandWork(ctx, arg) ? pickedFunctions(ctx, arg) : [];
      if (work.length > 0) handed.push([i, work]);
    }
    if (handed.length === 0) continue;
    const callee = projectCall(ctx, call, true);
    if (callee === undefined) continue;
    const c = unwrap(call.callee as Node);
    const member =
      c?.type === 'MemberExpression' ? propertyName(c.property as Node, c.computed as boolean) : undefined;
    // `ns.run(...)` names the function itself; `Repo.transaction(...)` a method of the imported class.
    const method = member !== undefined && member !== callee.name ? member : undefined;
    const reach = handler ? true : exportsReaching(ctx, call, true);
    if (reach !== true && reach.length === 0) continue;
    for (const [index, work] of handed)
      out.push({ callee, ...(method === undefined ? {} : { method }), index, work, reach });
  }
  return out;
}
