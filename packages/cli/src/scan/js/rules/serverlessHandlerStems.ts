// Where the handler a Serverless function module names lives. The module (`export default { handler,
// events }`, imported by serverless.ts) writes the handler either from its own folder
// (`${handlerPath(__dirname)}/handler.main`, kept as `\0/handler`) or relative to the service folder, where
// serverless.ts is (`'src/functions/jobs/process/handler.main'`), which the module does not know.

import { dirname, join, sep } from 'node:path';

/** How many folders up from a function module its service folder may be (`serverless/functions/x-fn.ts`). */
const SERVICE_DEPTH = 3;

/**
 * Where a handler stem may live: `\0/handler` is the module's own folder's (`handlerPath(__dirname)`); a
 * plain stem is relative to the service folder (serverless.ts's), the module's folder or up to three above
 * it. A stem whose folder is the tail of the module's own folder (`src/functions/jobs/process/handler` from
 * `<service>/src/functions/jobs/process/index.ts`) names the module's folder however deep it sits: the
 * grouped layout puts modules four or more folders below the service.
 * @example
 * handlerStems('src/functions/jobs/process/handler', '/app/src/functions/jobs/process')
 * // [..., '/app/src/functions/jobs/process/handler']
 */
export function handlerStems(stem: string, dir: string): string[] {
  if (stem.startsWith('\0')) return [join(dir, stem.replace(/^\0\/?/, ''))];
  const out: string[] = [];
  for (let up = 0, d = dir; up <= SERVICE_DEPTH; up++, d = dirname(d)) out.push(join(d, stem));
  const folder = dirname(join(stem)).split(/[\\/]/).join(sep);
  // Only a whole-folder tail: `jobs/process` does not match a module in `myjobs/process`.
  if (folder !== '.' && !folder.startsWith('..') && `${sep}${dir}`.endsWith(`${sep}${folder}`)) {
    const own = join(dir, stem.slice(stem.lastIndexOf('/') + 1));
    if (!out.includes(own)) out.push(own);
  }
  return out;
}
