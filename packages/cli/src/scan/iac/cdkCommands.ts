// Which CDK app entries only LocalStack runs. `cdklocal` (aws-cdk-local) is the CDK CLI pointed at a
// LocalStack endpoint: an app it alone synthesises and deploys builds a developer's local stack, and a queue
// without a DLQ there describes no production system (the deployed infrastructure, if any, lives elsewhere).
// An entry is local-only when a `cdklocal` command runs it (by `--app`, or as its folder's cdk.json app) and
// no plain `cdk` command, CDK GitHub action or unresolvable `--app` could run it. Any doubt keeps the app. A
// CDK Pipeline is declared in the app's own code, not in a command file: localCdkApps.ts looks for it there.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { insideRoot } from '../insideRoot.js';

/** A file whose lines are commands a developer or pipeline runs, with its text. */
export interface CommandFile {
  readonly path: string;
  readonly text: string;
}

/** A local-only entry and the command file that runs it, for the finding's reason. */
export interface LocalEntry {
  readonly entry: string;
  readonly where: string;
}

const CDK_VERB = '(?:deploy|synth|synthesize|diff|watch|bootstrap|destroy|ls|list|import|hotswap)';
const LOCAL_LINE = new RegExp(`\\bcdklocal\\s+(?:[^\\n"]*?\\s)?${CDK_VERB}\\b`);
/**
 * The plain CLI (`cdk deploy`, `npx aws-cdk@2 synth`, `npm run cdk -- deploy`, argv `["npx", "cdk", "deploy"]`);
 * `cdklocal` is not it (the name must end at `cdk`, a version or a separator).
 */
const PLAIN_LINE = new RegExp(
  `(?<![\\w.-])(?:aws-)?cdk(?:@[\\w.^~-]+)?['"]?(?:\\s*,\\s*['"]--['"])?(?:\\s+--)?(?:\\s*,\\s*['"]|\\s+)(?:[^\\n]*?[\\s'"])?${CDK_VERB}\\b`,
);
/** A deploy task of a wrapper that runs the plain CLI itself (projen's `deploy` task is `cdk deploy`). */
const WRAPPED_DEPLOY = /\bprojen\s+deploy\b/;
/** A pipeline step that deploys the folder's app without a command line of its own. */
const PLAIN_ACTION = /aws-cdk-github-actions|cdk-deploy-action|\bCdkDeploy@/;
const APP_FLAG = /(?:^|\s)(?:--app|-a)[\s=]+(?:'([^']*)'|\\?"([^"\\]*)\\?"|(\S+))/;
const ENTRY_FILE = /[\w@.-]*(?:\/[\w@.-]+)*\.(?:[cm]?[jt]sx?)\b/g;

/** The entry file an app command (`npx ts-node bin/app.ts`) runs, resolved from `dirs` in order. */
function appEntry(command: string, dirs: readonly string[]): string | undefined {
  const names = [...command.matchAll(ENTRY_FILE)].map((m) => m[0]);
  const name = names[names.length - 1];
  if (name === undefined) return undefined;
  for (const dir of dirs) {
    const path = resolve(dir, name);
    if (isFile(path)) return path;
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The app entry a folder's cdk.json names, or undefined without one (or with one the scan cannot read). */
function cdkJsonEntry(dir: string, root: string): string | undefined {
  const path = resolve(dir, 'cdk.json');
  if (!existsSync(path) || !insideRoot(root, path)) return undefined; // a cdk.json linked from outside is absent
  try {
    const app = (JSON.parse(readFileSync(path, 'utf8')) as { app?: unknown }).app;
    return typeof app === 'string' ? appEntry(app, [dir]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The app entries only `cdklocal` runs, given every command file of the repository and its cdk.json folders.
 * Empty when any plain CDK command could run an app the scan cannot name (an `--app` it cannot resolve, a
 * deploy action): then every app may be deployed.
 *
 * @example
 * localOnlyEntries('/r', [{ path: '/r/package.json', text: '"up": "cdklocal deploy --all"' }], ['/r'])
 * // [{ entry: '/r/cdk/app.ts', where: '/r/package.json' }] when /r/cdk.json says "app": "npx ts-node cdk/app.ts"
 */
export function localOnlyEntries(
  root: string,
  files: readonly CommandFile[],
  cdkDirs: readonly string[],
): LocalEntry[] {
  const local = new Map<string, string>();
  const deployed = new Set<string>();
  let plainWithoutApp = false;
  for (const f of files) {
    if (PLAIN_ACTION.test(f.text)) return [];
    const dirs = [dirname(f.path), root];
    for (const line of f.text.split('\n')) {
      const isLocal = LOCAL_LINE.test(line);
      const isPlain = PLAIN_LINE.test(line) || WRAPPED_DEPLOY.test(line);
      if (!isLocal && !isPlain) continue;
      const flag = APP_FLAG.exec(line);
      const command = flag === null ? undefined : (flag[1] ?? flag[2] ?? flag[3] ?? '');
      if (isPlain) {
        if (command === undefined) plainWithoutApp = true;
        else {
          const entry = appEntry(command, dirs);
          if (entry === undefined) return [];
          deployed.add(entry);
        }
      }
      if (!isLocal) continue;
      // Without `--app` the command runs the cdk.json app of the folder it runs in: a package.json's own.
      const entry =
        command !== undefined
          ? appEntry(command, dirs)
          : basename(f.path) === 'package.json'
            ? cdkJsonEntry(dirname(f.path), root)
            : undefined;
      if (entry !== undefined && !local.has(entry)) local.set(entry, f.path);
    }
  }
  if (plainWithoutApp) for (const dir of cdkDirs) deployed.add(cdkJsonEntry(dir, root) ?? '');
  return [...local].filter(([entry]) => !deployed.has(entry)).map(([entry, where]) => ({ entry, where }));
}
