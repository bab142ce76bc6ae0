// The file a CDK app's module runs as. An app whose cdk.json runs tsc's output (`"app": "node
// dist/bin/app.js"`, tsconfig `outDir: dist`) loads `dist/lib/stack.js`, not `lib/stack.ts`: a path the
// module builds from its own location (`resolve(dirname(fileURLToPath(import.meta.url)), '../../../..')`) is
// written for where it runs, one folder deeper than its source.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tscFoldersAt } from '../../iac/tscOutDir.js';

/** The runtime file of each CDK app module asked about (per worker): a stack file asks once per path. */
const cache = new Map<string, string>();

/**
 * `file` as the app in `appDir` runs it: under tsc's `outDir` with a `.js` extension when its cdk.json app is
 * `node` of a file there and `file` is one of tsc's inputs; otherwise `file` itself.
 * @example
 * runFile('/repo/infra/lib/stack.ts', '/repo/infra') // '/repo/infra/dist/lib/stack.js' for app `node dist/bin/app.js`
 */
export function runFile(file: string, appDir: string): string {
  const key = `${appDir}\0${file}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const built = builtFile(file, appDir) ?? file;
  cache.set(key, built);
  return built;
}

function builtFile(file: string, appDir: string): string | undefined {
  let app: unknown;
  try {
    app = (JSON.parse(readFileSync(join(appDir, 'cdk.json'), 'utf8')) as { app?: unknown }).app;
  } catch {
    return undefined;
  }
  const tsc = tscFoldersAt(appDir);
  if (typeof app !== 'string' || tsc === undefined) return undefined;
  const runs = /^node\s+(?:\.\/)?(\S+\.[cm]?js)\b/.exec(app.trim())?.[1];
  if (runs === undefined || !`${runs}`.startsWith(`${tsc.outDir}/`)) return undefined;
  const rel = relative(join(appDir, tsc.rootDir), file);
  if (rel.startsWith('..')) return undefined;
  return join(appDir, tsc.outDir, rel.replace(/\.[cm]?tsx?$/, '.js'));
}
