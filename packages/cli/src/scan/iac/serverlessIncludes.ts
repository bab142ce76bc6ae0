// serverless.yml files often keep their functions and resources in other files: `functions:
// ${file(./sls-functions.yml)}`, `resources: ${file(${self:provider.stage}/resources.yml):resources}`, or lists
// of such fragments. The serverless.yml is checked as the Framework deploys it (serverlessConfig.ts), and
// each finding lands in the file its function or resource was read from: the serverless.yml's own pass keeps
// those on its lines, an included file's pass (found through the serverless.yml in its folder or up to
// INCLUDER_LEVELS above) keeps those on its own. An included fragment is no template on its own, even when
// it is named serverless.yml itself (`functions: - ${file(./functions/email/serverless.yml)}`, one file per
// function folder): a file with no `service` and no `provider` that a serverless.yml above includes is one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import { withArtifactSources } from './artifactSources.js';
import type { IacReport, Json } from './IacResult.js';
import { obj } from './IacResult.js';
import { checkServerless } from './serverless.js';
import {
  includedFiles,
  mountOf,
  type ResolvedServerless,
  resolveServerlessStages,
} from './serverlessConfig.js';
import { type LoadedYaml, loadYaml } from './yamlDocument.js';

const resolvedCache = new Map<string, { mtime: number; resolved: ResolvedServerless[] | undefined }>();

/**
 * The serverless.yml at `path` as deployed (once per stage), when it includes any file (cached per file
 * version and root: what it may include depends on the root).
 */
function includingConfig(path: string, root: string | undefined): ResolvedServerless[] | undefined {
  if (!existsSync(path)) return undefined;
  const mtime = statSync(path).mtimeMs;
  const key = `${root ?? ''}\0${path}`;
  const cached = resolvedCache.get(key);
  if (cached?.mtime === mtime) return cached.resolved;
  const text = readFileSync(path, 'utf8');
  let resolved: ResolvedServerless[] | undefined;
  if (text.includes('${file(')) {
    const loaded = loadYaml(text);
    const raw = 'error' in loaded ? undefined : obj(loaded.value);
    resolved = raw === undefined ? undefined : deployed(path, raw, root);
  }
  resolvedCache.set(key, { mtime, resolved });
  return resolved;
}

/**
 * How many folders above an included file its serverless.yml is looked for: a function folder nests a
 * group or two deep (`functions/channels/email/serverless.yml` under the service's root).
 */
const INCLUDER_LEVELS = 4;

/**
 * The serverless.yml (same folder, or up to INCLUDER_LEVELS above, never above the scan root) that reads
 * `file` as functions or resources.
 */
function includer(
  file: string,
  root: string | undefined,
): { path: string; resolved: ResolvedServerless } | undefined {
  for (let dir = dirname(file), up = 0; up <= INCLUDER_LEVELS; dir = dirname(dir), up++) {
    if (!insideRoot(root, dir)) break;
    for (const name of ['serverless.yml', 'serverless.yaml']) {
      const path = join(dir, name);
      if (path === file || !insideRoot(root, path)) continue;
      const resolved = includingConfig(path, root)?.find((r) => includedFiles(r).has(file));
      if (resolved !== undefined) return { path, resolved };
    }
  }
  return undefined;
}

/**
 * The findings of a resolved configuration that land in `file`, reported at their paths there. Paths no
 * mount claims belong to the serverless.yml itself (`mainFile`).
 */
export function reportInto(
  resolved: ResolvedServerless,
  mainFile: string,
  file: string,
  report: IacReport,
): IacReport {
  return (rule, path, message, extra) => {
    const m = mountOf(resolved.mounts, path);
    const target = m?.file ?? mainFile;
    if (target === file) report(rule, m?.at ?? path, message, extra);
  };
}

/**
 * Checks a YAML file that a serverless.yml includes as functions or resources; `undefined` when none does.
 * Handlers are the serverless.yml's to name (its own pass reads every function); only findings come back.
 * `root`: the scan root, above which no serverless.yml is looked for.
 */
export function checkIncludedFunctions(
  file: string,
  source: string,
  report: (loaded: LoadedYaml) => IacReport,
  root?: string,
): { serviceDir: string } | undefined {
  if (!/\.ya?ml$/.test(file)) return undefined;
  // A serverless.yml is a service of its own unless it is a fragment: no `service`, no `provider`.
  const named = /^serverless\.ya?ml$/.test(basename(file));
  if (named && /^(?:service|provider)\s*:/m.test(source)) return undefined;
  const found = includer(file, root);
  if (found === undefined) return undefined;
  const loaded = loadYaml(source);
  if ('error' in loaded) return undefined;
  checkServerless(found.resolved.config, reportInto(found.resolved, found.path, file, report(loaded)), []);
  return { serviceDir: dirname(found.path) };
}

/**
 * The serverless.yml at `file` (parsed as `value`) as deployed: variables resolved, includes read (none
 * outside the scan `root`).
 */
export function deployedServerless(
  file: string,
  value: Record<string, Json>,
  root?: string,
): ResolvedServerless {
  return includingConfig(file, root)?.[0] ?? (deployed(file, value, root)[0] as ResolvedServerless);
}

/** Resolved per stage, with artifact-packaged handlers read from their zips' entry folders (artifactSources.ts). */
function deployed(file: string, raw: Record<string, Json>, root: string | undefined): ResolvedServerless[] {
  return resolveServerlessStages(file, raw, undefined, root).map((resolved) => ({
    ...resolved,
    config: withArtifactSources(resolved.config, dirname(file)),
  }));
}
