// Dependency injection of a handler's core: `wrap(generate, { createPdf, savePdf })(event, context)`,
// `makeHandler({ getCases: fetchCases })`. The handler hands functions to its core inside an object of
// dependencies, and the core calls them (`dependencies.createPdf(html)`) on the invocation's path: a
// project function handed that way runs on the handler's path as surely as one it calls by name. AWS's
// Lambda best practices ("separate the Lambda handler from your core logic") describe the pattern; the
// object is what makes the core testable with fakes, so its values are the real work.
import { type Node, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

/**
 * The project imports a handler's module hands, by reference, as values of an object literal given to a
 * call on a handler's path (`{ createPdf, save: savePdf }`), or to the call an export is built with.
 *
 * @example
 * injectedDependencies(ctx) // [{ from: '/app/lambdas/generate.ts', source: '../helpers/createPdf', name: 'createPdf' }]
 */
export function injectedDependencies(ctx: ModuleContext): ImportRef[] {
  const refs: ImportRef[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (ctx.handlerKindAt(call) === undefined) continue;
    for (const arg of call.arguments as Node[]) {
      const object = unwrap(arg);
      if (object?.type !== 'ObjectExpression') continue;
      for (const p of object.properties as Node[]) {
        const value = p.type === 'Property' ? unwrap(p.value as Node) : undefined;
        if (value?.type !== 'Identifier') continue;
        const imp = ctx.importOf(value.name as string, value);
        if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) continue;
        refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
      }
    }
  }
  return refs;
}
