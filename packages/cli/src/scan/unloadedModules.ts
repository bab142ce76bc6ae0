// A module nothing loads: a middleware left in a service after its handlers stopped using it. A 401/403
// gate written there answers no one, so it makes no catch an infra-error-as-auth finding. Judged only on
// evidence, and only inside a package of its own (a folder with package.json below the repository root):
// it exports no Lambda handler, no project module imports it, and no other module of its package, nor a
// template or manifest at the package's top, names its file. A repository without such packages, an `index`
// or a short stem is never judged unloaded (deadModules.ts asks the whole repository instead).
import { readdirSync } from 'node:fs';
import { basename, extname, join, sep } from 'node:path';
import { escapeRegExp } from './escapeRegExp.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { packageDir } from './scriptCallers.js';

const known = new WeakMap<Project, Map<string, boolean>>();
/** Files at a package's top that can name a module as an entry (serverless.yml, template.yaml, package.json). */
const MANIFEST = /\.(?:ya?ml|json)$/;

/**
 * Is `file` loaded by nothing in sight, within its own package?
 * @example
 * unloadedModule(project, '/repo/services/google/src/validations/authorization.js') // true when unused
 */
export function unloadedModule(project: Project, file: string): boolean {
  let byFile = known.get(project);
  if (byFile === undefined) {
    byFile = new Map();
    known.set(project, byFile);
  }
  let answer = byFile.get(file);
  if (answer === undefined) {
    answer = judge(project, file);
    byFile.set(file, answer);
  }
  return answer;
}

function judge(project: Project, file: string): boolean {
  const root = project.rootDir;
  const stem = basename(file, extname(file));
  if (root === undefined || stem === 'index' || stem.length < 3) return false;
  if (Object.keys(project.factsOf(file)?.handlers ?? {}).length > 0) return false;
  if (project.eventCallers.importedBy(file)) return false;
  const pkg = packageDir(file, root);
  if (pkg === `${root}${sep}`) return false;
  const named = new RegExp(`(?:^|[^\\w$-])${escapeRegExp(stem)}(?![\\w$-])`);
  for (const other of project.files) {
    if (other === file || !other.startsWith(pkg)) continue;
    if (named.test(readSource(other) ?? stem)) return false;
  }
  let top: string[];
  try {
    top = readdirSync(pkg).filter((f) => MANIFEST.test(f));
  } catch {
    return false;
  }
  return top.every((f) => !named.test(readSource(join(pkg, f)) ?? stem));
}
