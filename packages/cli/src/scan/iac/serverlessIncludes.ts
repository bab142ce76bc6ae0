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

/** The serverless.yml at `path` as deployed (once per stage), when it includes any file (cached per file version). */
function includingConfig(path: string): ResolvedServerless[] | undefined {
  if (!existsSync(path)) return undefined;
  const mtime = statSync(path).mtimeMs;
  const cached = resolvedCache.get(path);
  if (cached?.mtime === mtime) return cached.resolved;
  const text = readFileSync(path, 'utf8');
  let resolved: ResolvedServerless[] | undefined;
  if (text.includes('${file(')) {
    const loaded = loadYaml(text);
    const raw = 'error' in loaded ? undefined : obj(loaded.value);
    resolved = raw === undefined ? undefined : deployed(path, raw);
  }
  resolvedCache.set(path, { mtime, resolved });
  return resolved;
}

/**
 * How many folders above an included file its serverless.yml is looked for: a function folder nests a
 * group or two deep (`functions/channels/email/serverless.yml` under the service's root).
 */
const INCLUDER_LEVELS = 4;

/** The serverless.yml (same folder, or up to INCLUDER_LEVELS above) that reads `file` as functions or resources. */
function includer(file: string): { path: string; resolved: ResolvedServerless } | undefined {
  for (let dir = dirname(file), up = 0; up <= INCLUDER_LEVELS; dir = dirname(dir), up++) {
    for (const name of ['serverless.yml', 'serverless.yaml']) {
      const path = join(dir, name);
      if (path === file) continue;
      const resolved = includingConfig(path)?.find((r) => includedFiles(r).has(file));
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
 */
export function checkIncludedFunctions(
  file: string,
  source: string,
  report: (loaded: LoadedYaml) => IacReport,
): { serviceDir: string } | undefined {
  if (!/\.ya?ml$/.test(file)) return undefined;
  // A serverless.yml is a service of its own unless it is a fragment: no `service`, no `provider`.
  const named = /^serverless\.ya?ml$/.test(basename(file));
  if (named && /^(?:service|provider)\s*:/m.test(source)) return undefined;
  const found = includer(file);
  if (found === undefined) return undefined;
  const loaded = loadYaml(source);
  if ('error' in loaded) return undefined;
  checkServerless(found.resolved.config, reportInto(found.resolved, found.path, file, report(loaded)), []);
  return { serviceDir: dirname(found.path) };
}

/** The serverless.yml at `file` (parsed as `value`) as deployed: variables resolved, includes read. */
export function deployedServerless(file: string, value: Record<string, Json>): ResolvedServerless {
  return includingConfig(file)?.[0] ?? (deployed(file, value)[0] as ResolvedServerless);
}

/** Resolved per stage, with artifact-packaged handlers read from their zips' entry folders (artifactSources.ts). */
function deployed(file: string, raw: Record<string, Json>): ResolvedServerless[] {
  return resolveServerlessStages(file, raw).map((resolved) => ({
    ...resolved,
    config: withArtifactSources(resolved.config, dirname(file)),
  }));
}
