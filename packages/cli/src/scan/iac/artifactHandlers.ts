// A serverless.yml function packaged as its own artifact (`package: { artifact: dist/ingest/ingest.zip }`,
// built by a bundler per function) names its code by the zip: the handler (`index.handler`) is relative to
// the bundle's root, and the bundle is named for the function's source folder (`src/lambdas/ingest/`). A
// handler string as generic as `index.handler` alone names every index module; `ingest/index.handler` names
// the one under a folder called like the zip, joined only when one module answers to it (handlerJoin.ts).
import { basename } from 'node:path';
import { type Json, obj } from './IacResult.js';
import { packageFolderHandlers } from './packageFolderHandlers.js';

/**
 * The handler strings a function's own artifact names, for its code under a folder named like the zip.
 * @example
 * artifactHandlers({ handler: 'index.handler', package: { artifact: 'dist/ingest/ingest.zip' } }); // ['ingest/index.handler']
 */
export function artifactHandlers(fn: Record<string, Json>): string[] {
  const artifact = obj(fn.package)?.artifact;
  const handler = fn.handler;
  if (typeof artifact !== 'string' || typeof handler !== 'string' || artifact.includes('${')) return [];
  const entry = /^([\w.-]+)\.zip$/i.exec(basename(artifact))?.[1];
  if (entry === undefined || handler.lastIndexOf('.') <= 0) return [];
  return [...new Set([`${entry}/${handler}`, ...packageFolderHandlers(entry, handler)])];
}
