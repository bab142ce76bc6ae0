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
  const handler = fn.handler;
  const entry = artifactEntry(fn);
  if (entry === undefined || typeof handler !== 'string' || handler.lastIndexOf('.') <= 0) return [];
  // Already read from the zip's entry folder (artifactSources.ts): the handler as written is what follows,
  // and its package folder's sources (`dist/index.handler` -> `ingest/src/index.handler`) still answer.
  const written = handler.startsWith(`${entry}/`) ? handler.slice(entry.length + 1) : handler;
  return [...new Set([`${entry}/${written}`, ...packageFolderHandlers(entry, written)])];
}

/** The entry folder a function's own zip is named for (`dist/ingest/ingest.zip` -> `ingest`). */
export function artifactEntry(fn: Record<string, Json>): string | undefined {
  const artifact = obj(fn.package)?.artifact;
  if (typeof artifact !== 'string' || artifact.includes('${')) return undefined;
  return /^([\w.-]+)\.zip$/i.exec(basename(artifact))?.[1];
}
