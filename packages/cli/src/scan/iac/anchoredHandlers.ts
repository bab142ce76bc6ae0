// Where a template's handler strings point. SAM and serverless resolve `CodeUri` against the template's
// folder, but a repository that keeps its template in a sub-folder (`deploy/template.yaml`) and its code at
// the root (`orders/handler.js`, `CodeUri: orders/`) copies or runs the build from elsewhere: the folder
// the template names is not beside it. Such a handler is kept as written too, so it joins by the end of its
// path as any other handler string does (handlerJoin.ts, unambiguous only); a folder that is there keeps
// the anchored string alone.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The handler strings anchored at the template's folder `dir`, each with its written form when it names
 * a bare module (`app.handler`) or a folder the template's folder does not hold.
 * @example
 * anchorHandlers(['orders/handler.handler'], '/r/deploy') // ['/r/deploy/orders/handler.handler', 'orders/handler.handler'] when /r/deploy/orders is absent
 */
export function anchorHandlers(handlers: readonly string[], dir: string): string[] {
  return handlers.flatMap((h) => {
    const anchored = join(dir, h);
    if (h.includes('/') && existsSync(dirname(anchored))) return [anchored];
    return [anchored, h];
  });
}
