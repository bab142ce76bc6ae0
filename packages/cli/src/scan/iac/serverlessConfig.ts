// A serverless.yml as the Framework deploys it: every variable it can resolve from the repository resolved
// (serverlessVariables.ts), `functions` and `resources` given as lists of fragments merged into one map,
// and for each part read from another file the place it came from ("mounts"), so a finding on an included
// function or resource lands on that file's own line.
import { readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { type Json, obj } from './IacResult.js';
import {
  DEFAULT_STAGE,
  type FileReader,
  readConfigFile,
  ServerlessVariables,
} from './serverlessVariables.js';

type Path = readonly (string | number)[];

/** Config path `path` was read from `file` at `at` (the serverless.yml itself for inline list items). */
export interface Mount {
  readonly path: Path;
  readonly file: string;
  readonly at: Path;
}

export interface ResolvedServerless {
  readonly config: Record<string, Json>;
  /** Longest first: the first whose path prefixes a finding's path says where it lands. */
  readonly mounts: readonly Mount[];
}

/** Top-level keys the Framework merges when given as a list of fragments, with how deep it merges. */
const MERGED: Record<string, number> = { functions: 1, resources: 2 };

/**
 * Resolves the serverless.yml at `file` (its parsed `raw` value).
 * @example
 * // functions: ${file(${self:provider.stage}/functions.yml)}, provider.stage: ${opt:stage, 'dev'}
 * resolveServerless('/r/serverless.yml', raw).mounts // [{ path: ['functions'], file: '/r/dev/functions.yml', at: [] }]
 */
export function resolveServerless(
  file: string,
  raw: Record<string, Json>,
  read: FileReader = readConfigFile,
  root?: string,
): ResolvedServerless {
  return resolveAt(file, raw, read, undefined, root).resolved;
}

/**
 * The serverless.yml at `file` resolved once per stage it may be deployed with: when the configuration does
 * not fix the stage (`stage: ${opt:stage, 'dev'}`), also each folder beside it named for a stage whose
 * files it includes (`prod/functions.yml`). The default stage's first, unless it includes nothing a
 * stage folder does (no `dev/` folder): then the first such stage's comes first. `root`: the scan root,
 * outside which no included file is read.
 */
export function resolveServerlessStages(
  file: string,
  raw: Record<string, Json>,
  read: FileReader = readConfigFile,
  root?: string,
): ResolvedServerless[] {
  const first = resolveAt(file, raw, read, undefined, root);
  if (!first.stageOpen) return [first.resolved];
  const dir = dirname(file);
  const own = includedFiles(first.resolved);
  const out: ResolvedServerless[] = [];
  for (const stage of stageFolders(dir)) {
    const { resolved } = resolveAt(file, raw, read, stage, root);
    const files = [...includedFiles(resolved)].filter((f) => !own.has(f));
    if (files.some((f) => f.startsWith(join(dir, stage) + sep))) out.push(resolved);
  }
  return [...own].some((f) => f.startsWith(join(dir, DEFAULT_STAGE) + sep)) || out.length === 0
    ? [first.resolved, ...out]
    : [...out, first.resolved];
}

/** Folders beside a serverless.yml that may be named for a stage. */
function stageFolders(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== DEFAULT_STAGE && /^[\w-]+$/.test(e.name))
      .filter((e) => e.name !== 'node_modules' && e.name !== 'src')
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
}

function resolveAt(
  file: string,
  raw: Record<string, Json>,
  read: FileReader,
  stage: string | undefined,
  root: string | undefined,
): { resolved: ResolvedServerless; stageOpen: boolean } {
  const vars = new ServerlessVariables(file, raw, read, stage, root);
  const mounts: Mount[] = [];
  const walk = (value: Json, path: Path, depth: number): Json => {
    if (depth > 40) return value;
    if (typeof value === 'string' && value.includes('${')) {
      const r = vars.resolveString(value);
      if (r.from !== undefined) mounts.push({ path, file: r.from.file, at: r.from.at });
      // An included fragment's own variables resolve against this configuration too.
      return r.value !== value ? walk(r.value, path, depth + 1) : value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], depth + 1));
    const o = obj(value);
    if (o === undefined) return value;
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(o)) out[k] = walk(v, [...path, k], depth + 1);
    return out;
  };
  const config = obj(walk(raw, [], 0)) ?? {};
  for (const [key, levels] of Object.entries(MERGED))
    if (Array.isArray(config[key])) config[key] = mergeFragments(config[key], [key], levels, file, mounts);
  mounts.sort((a, b) => b.path.length - a.path.length);
  return { resolved: { config, mounts }, stageOpen: vars.stageOpen };
}

/**
 * Merges a list of fragments into one map, `levels` deep (`resources: [{ Resources: {...} }, ...]` merges
 * each fragment's `Resources`); each merged key is mounted where its fragment came from.
 */
function mergeFragments(list: Json[], path: Path, levels: number, file: string, mounts: Mount[]): Json {
  const out: Record<string, Json> = {};
  list.forEach((fragment, i) => {
    const from = mountOf(mounts, [...path, i]) ?? { file, at: [...path, i] };
    const take = (target: Record<string, Json>, value: Record<string, Json>, rel: string[], left: number) => {
      for (const [k, v] of Object.entries(value)) {
        const inner = obj(v);
        if (left > 1 && inner !== undefined) {
          target[k] = obj(target[k]) ?? {};
          take(target[k], inner, [...rel, k], left - 1);
        } else {
          target[k] = v;
          mounts.push({ path: [...path, ...rel, k], file: from.file, at: [...from.at, ...rel, k] });
        }
      }
    };
    const o = obj(fragment);
    if (o !== undefined) take(out, o, [], levels);
  });
  return out;
}

/** Where a config path was read from, by the longest mount that prefixes it. */
export function mountOf(mounts: readonly Mount[], path: Path): { file: string; at: Path } | undefined {
  let best: Mount | undefined;
  for (const m of mounts)
    if (m.path.length <= path.length && m.path.every((p, i) => String(p) === String(path[i])))
      if (best === undefined || m.path.length > best.path.length) best = m;
  return best === undefined
    ? undefined
    : { file: best.file, at: [...best.at, ...path.slice(best.path.length)] };
}

/** The files a configuration reads its functions or resources from. */
export function includedFiles(resolved: ResolvedServerless): Set<string> {
  return new Set(
    resolved.mounts.filter((m) => m.path[0] === 'functions' || m.path[0] === 'resources').map((m) => m.file),
  );
}
