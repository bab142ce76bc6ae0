// floating-promise: a NestJS route that puts a service's promise into the object it answers with
// (`return { prerequisites: this.skills.getPrerequisites(id) }`). Nest serialises the object as it is: the
// pending promise goes out as `{}`, the caller never gets the data, and a failed query is an unhandled
// rejection (behind a Lambda adapter the invocation may also freeze with the query in flight). The route is
// judged when a handler's path reaches the controller's registered part (an app served by a Lambda adapter:
// js/registeredEntries.ts), like any helper module's finding.
import { forEachDescendant, type Node, propertyName, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import { memberCall, methodOf } from '../memberClass.js';
import type { Report } from './Report.js';

/** Nest's route decorators (`@Get(':id')`); a controller's other methods are no route. */
const ROUTE = /^(?:Get|Post|Put|Patch|Delete|All|Head|Options)$/;

function decoratorName(d: Node): string | undefined {
  let e = unwrap(d.expression as Node);
  if (e?.type === 'CallExpression') e = unwrap(e.callee as Node);
  return e?.type === 'Identifier' ? (e.name as string) : undefined;
}

const decorated = (n: Node, test: RegExp) =>
  ((n.decorators as Node[] | undefined) ?? []).some((d) => test.test(decoratorName(d) ?? ''));

/** Calls written as values of the returned object literal, nested objects and arrays included. */
function answeredCalls(answer: Node | undefined): Node[] {
  const out: Node[] = [];
  const v = unwrap(answer);
  if (v?.type === 'ObjectExpression')
    for (const p of v.properties as Node[]) {
      if (p.type !== 'Property') continue;
      const value = unwrap(p.value as Node);
      if (value?.type === 'CallExpression') out.push(value);
      else out.push(...answeredCalls(value));
    }
  if (v?.type === 'ArrayExpression')
    for (const e of v.elements as Node[]) {
      const value = unwrap(e);
      if (value?.type === 'CallExpression') out.push(value);
      else out.push(...answeredCalls(value));
    }
  return out;
}

/** An async method of the controller itself (`this.load(id)`). */
function localAsync(cls: Node, call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'MemberExpression' || unwrap(callee.object as Node)?.type !== 'ThisExpression')
    return false;
  const name = propertyName(callee.property as Node, callee.computed as boolean);
  return name !== undefined && methodOf(cls, name)?.async === true;
}

/** The classes the module declares at its top level, exported or not (where Nest's controllers are). */
function topClasses(ctx: ModuleContext): Node[] {
  return (ctx.program.body as Node[])
    .map((s) =>
      s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration'
        ? (s.declaration as Node)
        : s,
    )
    .filter((d) => d?.type === 'ClassDeclaration' || d?.type === 'ClassExpression');
}

/**
 * Reports each call a route method of a `@Controller` class puts unawaited into the object it returns:
 * an async method of the controller, or a method of an injected project service the project pass finds
 * async (`this.skillsService.getPrerequisites(id)` with `private readonly skillsService: SkillsService`).
 */
export function routeAnswerPromises(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('Controller')) return;
  for (const cls of topClasses(ctx)) {
    if (!decorated(cls, /^Controller$/)) continue;
    for (const member of (cls.body as Node).body as Node[]) {
      if (member.type !== 'MethodDefinition' || !decorated(member, ROUTE)) continue;
      const fn = member.value as Node;
      forEachDescendant(
        fn.body as Node,
        (ret) => {
          if (ret.type !== 'ReturnStatement') return true;
          for (const call of answeredCalls(ret.argument as Node)) {
            const service = localAsync(cls, call) ? undefined : memberCall(ctx, call);
            if (service !== undefined && service.owner.kind !== 'import') continue;
            if (service === undefined && !localAsync(cls, call)) continue;
            const reaching = ctx.handlers.size === 0 ? exportsReaching(ctx, call, true) : undefined;
            if (reaching?.length === 0) continue;
            const what = ctx.source.slice((call.callee as Node).start, (call.callee as Node).end);
            report(
              'floating-promise',
              call,
              `${what}(...) is put unawaited into the route's answer: Nest serialises the pending promise as {}, the caller never gets its result, and its failure is an unhandled rejection`,
              {
                ...(reaching === undefined ? {} : { onlyIfExportOnHandlerPath: reaching }),
                ...(service?.owner.kind === 'import'
                  ? {
                      onlyIfImportAsync: {
                        from: ctx.file,
                        source: service.owner.source,
                        name: service.owner.name,
                        method: service.method,
                      },
                    }
                  : {}),
              },
            );
          }
          return true;
        },
        true,
      );
    }
  }
}
