// Code that only non-production stacks run. A template whose stage parameter allows only development,
// build or test stages (queueUse.ts `nonProductionTemplate`: a test harness, a stub of a partner's API)
// deploys its functions nowhere near production, and so does their code, as does a function that exists
// only in such stages (a dev-only `Condition`): a module under such a function's `CodeUri` is not judged,
// unless a production template's function runs code from a folder that holds it too (a shared `src/`).
// Only code kept in the template's own folder counts (nonProductionCode).
import { dirname, join, relative, resolve } from 'node:path';
import { type CodeDir, type Json, obj } from './IacResult.js';
import { nonProductionConditions, nonProductionTemplate } from './queueUse.js';

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

/**
 * The local code folders of a template's functions (`CodeUri: src/`, the Globals' one), absolute, each
 * marked with whether the template reaches production.
 */
export function codeDirsOf(template: Record<string, Json>, file: string): CodeDir[] {
  const wholeTemplate = nonProductionTemplate(template);
  const devOnly = nonProductionConditions(template);
  const globals = obj(obj(template.Globals)?.Function)?.CodeUri;
  const dirs = new Map<string, boolean>();
  for (const r of Object.values(obj(template.Resources) ?? {})) {
    const res = obj(r);
    if (!FUNCTION_TYPES.has(res?.Type)) continue;
    const uri = obj(res?.Properties)?.CodeUri ?? globals;
    if (typeof uri !== 'string' || uri.includes('://')) continue;
    const dir = resolve(join(dirname(file), uri));
    // A function that exists only in dev/test stages (`Condition: IsNonProd`) runs non-production code too.
    const production = !wholeTemplate && !(typeof res?.Condition === 'string' && devOnly.has(res.Condition));
    dirs.set(dir, (dirs.get(dir) ?? false) || production);
  }
  const home = resolve(dirname(file));
  return [...dirs].map(([dir, production]) => ({ dir, production, home }));
}

const inside = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith('/'));
};

/**
 * Is the module at `path` run only by non-production templates' functions? Under such a folder and under
 * no production template's. Only code a non-production template keeps in its own folder, below the scan
 * root, counts: a harness template at the root, or one pointing at shared code (`CodeUri: ../src`), may
 * run the code production deploys with another tool (serverless.yml, CDK, Terraform).
 *
 * @example
 * const off = nonProductionCode([{ dir: '/r/stub/src', production: false, home: '/r/stub' }], '/r');
 * off('/r/stub/src/handlers/callback.ts'); // true
 */
export function nonProductionCode(dirs: readonly CodeDir[], root: string): (path: string) => boolean {
  const top = resolve(root);
  const off = dirs.filter((d) => !d.production && d.home !== top && inside(d.home, d.dir)).map((d) => d.dir);
  const on = dirs.filter((d) => d.production).map((d) => d.dir);
  if (off.length === 0) return () => false;
  return (path) => off.some((d) => inside(d, path)) && !on.some((d) => inside(d, path));
}
