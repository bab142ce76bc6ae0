// serverless.yml files often keep their functions in another file: `functions: ${file(./sls-functions.yml)}`
// (or `${file(./functions.yml):functions}`, one key of it), resolved relative to the serverless.yml. Such a
// fragment is no template on its own; it is checked as the functions of the serverless.yml that includes
// it (same folder, or the one above), and its findings land on the fragment's own lines.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { IacReport, Json } from './IacResult.js';
import { obj } from './IacResult.js';
import { checkServerless } from './serverless.js';
import { type LoadedYaml, loadYaml } from './yamlDocument.js';

/** A serverless.yml's text, if there is one (a stat per YAML file's folder and the one above). */
function serverlessText(path: string): string | undefined {
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

const INCLUDE = /^functions:\s*['"]?\$\{file\(([^)]+)\)(?::([\w-]+))?\}/m;

/** The serverless.yml that includes `file` as its functions, its parsed config and the key read. */
function includer(file: string): { dir: string; config: Record<string, Json>; key?: string } | undefined {
  for (const dir of [dirname(file), dirname(dirname(file))]) {
    for (const name of ['serverless.yml', 'serverless.yaml']) {
      const text = serverlessText(join(dir, name));
      const m = text === undefined ? null : INCLUDE.exec(text);
      if (text === undefined || m === null || join(dir, (m[1] as string).trim()) !== file) continue;
      const loaded = loadYaml(text);
      const config = 'error' in loaded ? undefined : obj(loaded.value);
      if (config === undefined) return undefined;
      return { dir, config, ...(m[2] !== undefined ? { key: m[2] } : {}) };
    }
  }
  return undefined;
}

/**
 * Checks a YAML file that a serverless.yml includes as its functions; `undefined` when none does. Handler
 * strings are relative to the serverless.yml's folder, returned as `serviceDir` to anchor handler links.
 */
export function checkIncludedFunctions(
  file: string,
  source: string,
  report: (loaded: LoadedYaml) => IacReport,
  batchOneHandlers: string[],
): { serviceDir: string } | undefined {
  if (!/\.ya?ml$/.test(file) || /^serverless\.ya?ml$/.test(basename(file))) return undefined;
  const found = includer(file);
  if (found === undefined) return undefined;
  const loaded = loadYaml(source);
  if ('error' in loaded) return undefined;
  const located = report(loaded);
  const value = obj(loaded.value);
  const functions = found.key !== undefined ? obj(value?.[found.key]) : value;
  if (functions === undefined) return undefined;
  const prefix = found.key !== undefined ? [found.key] : [];
  checkServerless(
    { ...found.config, functions, resources: undefined },
    (rule, path, message, extra) => {
      if (path[0] !== 'functions') return;
      located(rule, [...prefix, ...path.slice(1)], message, extra);
    },
    batchOneHandlers,
    // The including file sees none of these functions: an inherited provider timeout is reported here.
    true,
  );
  return { serviceDir: found.dir };
}
