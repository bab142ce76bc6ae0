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

/**
 * Project functions called at module scope with the object an exported handler is built from:
 * `installRestRoutes(router); export const handler = wrapLambdaHandler({ router })` (cassava),
 * `registerRoutes(app); export const handler = serverless(app)` (serverless-http), `api.run` of lambda-api.
 * Routers register their routes at load and the built handler dispatches each invocation to them, so what
 * the installer registers runs on the handler's path.
 *
 * @example
 * routerInstallers(ctx) // [{ from: '/app/rest/index.ts', source: './installRestRoutes', name: 'installRestRoutes' }]
 */
export function routerInstallers(ctx: ModuleContext): ImportRef[] {
  const built = new Set<string>();
  for (const [name, value] of ctx.exports) {
    const v = unwrap(value);
    if (!/^(handler|main|\w+Handler)$/.test(name) || v?.type !== 'CallExpression') continue;
    for (const m of ctx.source.slice(v.start, v.end).matchAll(/[A-Za-z_$][\w$]*/g)) built.add(m[0]);
  }
  if (built.size === 0) return [];
  const refs: ImportRef[] = [];
  for (const stmt of ctx.of('ExpressionStatement')) {
    const call = unwrap(stmt.expression);
    if (call?.type !== 'CallExpression' || ctx.enclosingFunction(stmt) !== undefined) continue;
    const callee = unwrap(call.callee);
    if (callee?.type !== 'Identifier') continue;
    const hands = (call.arguments as Node[]).some((a) => {
      const arg = unwrap(a);
      return arg?.type === 'Identifier' && built.has(arg.name as string);
    });
    const imp = hands ? ctx.importOf(callee.name as string, callee) : undefined;
    if (imp === undefined || imp.imported === '*' || !isProjectSource(imp.source)) continue;
    refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
  }
  return refs;
}
