// A function zipped on its own (`package: { artifact: ./build/ingest.zip }`) with a handler at the zip's root
// (`handler.handler`, a build script's re-export of src/functions/ingest/handler) names a module the service
// folder does not hold: read as written it names every `handler` module of the repository, so no rule
// knows which code the template deploys. Such a handler is read as the zip's entry folder and the handler
// (`ingest/handler.handler`), which joins to the one module under a folder named like the zip
// (handlerJoin.ts: by the end of its path, unambiguous only).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { artifactEntry } from './artifactHandlers.js';
import { type Json, obj } from './IacResult.js';

const MODULE_EXTENSIONS = ['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts', '.tsx', '.jsx'];

/** Is there a module at `stem` (a handler's path without its export) in folder `dir`? */
function moduleAt(dir: string, stem: string): boolean {
  return MODULE_EXTENSIONS.some((ext) => existsSync(join(dir, `${stem}${ext}`)));
}

/**
 * The configuration with each artifact-packaged function's handler read from the zip's entry folder,
 * when the service folder holds no module the handler names.
 * @example
 * // functions.ingest: { handler: 'handler.handler', package: { artifact: './build/ingest.zip' } }
 * withArtifactSources(config, '/r').functions.ingest.handler; // 'ingest/handler.handler'
 */
export function withArtifactSources(config: Record<string, Json>, serviceDir: string): Record<string, Json> {
  const functions = obj(config.functions);
  if (functions === undefined) return config;
  let changed = false;
  const out: Record<string, Json> = {};
  for (const [name, f] of Object.entries(functions)) {
    const fn = obj(f);
    const handler = fn?.handler;
    const entry = fn === undefined ? undefined : artifactEntry(fn);
    const dot = typeof handler === 'string' ? handler.lastIndexOf('.') : -1;
    if (fn === undefined || entry === undefined || dot <= 0 || moduleAt(serviceDir, handler.slice(0, dot))) {
      out[name] = f;
      continue;
    }
    out[name] = { ...fn, handler: `${entry}/${handler.replace(/^\.\//, '')}` };
    changed = true;
  }
  return changed ? { ...config, functions: out } : config;
}
