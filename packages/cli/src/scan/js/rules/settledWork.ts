// The work a `Promise.allSettled` over project helpers settles (settledDrops.ts, settledRejections.ts): the
// project imports it calls, for the project pass to ask whether each ends its own failures.
import { calleeName, isFunction, type Node, propertyName, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { LoggedCallRef } from './importedCallFacts.js';
import { importedRef } from './importedEndsErrors.js';

/** The calls a region of settled work makes: awaited, returned, an arrow's body, or put into the list. */
function workCalls(ctx: ModuleContext, region: Node): Node[] {
  const calls: Node[] = [];
  const visit = (n: Node) => {
    if (n.type !== 'CallExpression') return;
    const p = ctx.parentOf(n);
    if (
      p?.type === 'AwaitExpression' ||
      p?.type === 'ReturnStatement' ||
      p?.type === 'ArrayExpression' ||
      (isFunction(p) && p?.body === n) ||
      (p?.type === 'CallExpression' &&
        /^(push|unshift)$/.test(propertyName(unwrap(p.callee)?.property as Node) ?? ''))
    )
      calls.push(n);
  };
  if (unwrap(region)?.type === 'CallExpression') calls.push(unwrap(region) as Node);
  someDescendant(region, (n) => {
    visit(n);
    return false;
  });
  return calls.filter(
    (c) => !/^(map|flatMap|filter|forEach|push|unshift|all|allSettled)$/.test(calleeName(c) ?? ''),
  );
}

/**
 * The project imports the settled work calls (`Chat.addMember(...)`, `storeEvent(...)`), for the project
 * pass to drop the finding when each ends its own failures: the work can then not reject. `work` is the
 * settle's argument; a list (`allSettled(jobs)`) is read where it was made and where it was filled
 * (`jobs.push(sendWelcome(u))`). Empty, so nothing excuses the finding, when some work call is not such an
 * import (`this.repo.add(...)` can reject) or the list's making is not in view.
 */
export function settledImports(ctx: ModuleContext, work: Node | undefined, fn: Node): LoggedCallRef[] {
  const w = unwrap(work);
  const regions: Node[] = [];
  if (w?.type === 'Identifier') {
    const b = ctx.resolve(w.name as string, w);
    if (b?.init === undefined) return [];
    regions.push(b.init);
    someDescendant(fn.body as Node, (n) => {
      const callee = n.type === 'CallExpression' ? unwrap(n.callee) : undefined;
      const target = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
      if (
        target?.type === 'Identifier' &&
        /^(push|unshift)$/.test(propertyName(callee?.property as Node) ?? '') &&
        ctx.resolve(target.name as string, target) === b
      )
        regions.push(...(n.arguments as Node[]));
      return false;
    });
  } else if (w !== undefined) regions.push(w);
  const refs: LoggedCallRef[] = [];
  for (const region of regions)
    for (const call of workCalls(ctx, region)) {
      const ref = importedRef(ctx, call);
      if (ref === undefined) return [];
      refs.push(ref);
    }
  return refs;
}
