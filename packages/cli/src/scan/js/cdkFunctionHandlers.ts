// Every CDK function's handler string a module builds (`new NodejsFunction(this, id, { entry, handler })`,
// `new lambda.Function(this, id, { code: Code.fromAsset(dir), handler: 'file.export' })`), whatever invokes
// it: the runtime calls the export it names, so module analysis takes that export for an entry point
// whatever its name or shape (scan/templateNamedHandlers.ts).
import type { ModuleContext } from './ModuleContext.js';
import { functionConstruct, handlerLinkOfProps } from './rules/cdkHandlers.js';

/**
 * `/abs/stem.export` for each function construct of the module whose code the scan can place.
 * @example
 * cdkFunctionHandlers(ctx) // ['/repo/src/join/join-team.main'] for new NodejsFunction(this, 'J', { entry: 'src/join/join-team.ts', handler: 'main' })
 */
export function cdkFunctionHandlers(ctx: ModuleContext): string[] {
  if (!ctx.spells('Function(') || !ctx.spells('aws-cdk')) return [];
  const out: string[] = [];
  for (const node of ctx.of('NewExpression')) {
    const link = handlerLinkOfProps(ctx, functionConstruct(ctx, node)?.props, 'no-work');
    if (link !== undefined) out.push(...link.stems.map((s) => `${s}.${link.export}`));
  }
  return out;
}
