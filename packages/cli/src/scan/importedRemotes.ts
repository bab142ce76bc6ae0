// What infra-error-as-auth needs to know about imported functions: the remote verifier, key or secret an
// imported function awaits, answered through the project's cross-module facts (project.ts).

import { importsEndFailures } from './importedEnds.js';
import type { AuthConditions } from './js/authConditions.js';
import type { ImportRef } from './js/Candidate.js';
import { rebrandMatches } from './js/rules/authRebrands.js';
import { PrivateScopes } from './privateScopes.js';
import type { Project } from './project.js';

/** Functions named for checking a stored credential: an API key, a user or session looked up by id. */
const STORED_CREDENTIAL =
  /^(verify|check|validate|lookup)ApiKey$|^(find|get|load|fetch)(User|Account|Session|Client)(By\w+)?$/;

/** Each project's private scopes, read once (privateScopes.ts). */
const scopesOf = new WeakMap<Project, PrivateScopes | undefined>();

/** Is `source` a package of the repository's own private scope (not a path alias, not a public package)? */
function privatePackage(project: Project, from: string, source: string): boolean {
  if (!scopesOf.has(project))
    scopesOf.set(project, project.rootDir === undefined ? undefined : new PrivateScopes(project.rootDir));
  return scopesOf.get(project)?.isPrivate(from, source) === true;
}

/** The remote verifier or secret the first of these imported functions (or class methods) that awaits one awaits. */
export function importRemote(
  project: Project,
  refs: readonly (ImportRef & { readonly method?: string })[],
  depth = 0,
): string | undefined {
  for (const ref of refs) {
    // A helper that ends every failure of its own (its catch answers null and never rethrows) lets no
    // outage reach its caller: its own catch is judged (importedEnds.ts).
    if (importsEndFailures(project, [{ ...ref, method: ref.method ?? '' }])) continue;
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
    // `this.adapter.verify(t)` of an imported class: what that method awaits, there or a few classes on
    // (a guard's AuthService.validate awaiting a JwtAdapter's KMS verify).
    if (ref.method !== undefined) {
      if (fact?.remoteClient !== undefined) return `${ref.method} (${fact.remoteClient}) on ${ref.name}`;
      const remote = fact?.remoteMethods?.[ref.method];
      if (remote !== undefined) return `${remote} inside ${ref.name}.${ref.method}()`;
      const via = depth < 3 ? fact?.remoteVia?.[ref.method] : undefined;
      const deeper = via === undefined ? undefined : importRemote(project, via, depth + 1);
      if (deeper !== undefined) return `${deeper} through ${ref.name}.${ref.method}()`;
      continue;
    }
    if (fact?.remote !== undefined) return `${fact.remote} inside ${ref.name}()`;
    // A private package the repository does not hold (`@acme/security`, its scope the repository's own or
    // given a registry in .npmrc): only its name is left to judge by, and an API key or user is checked by
    // looking it up in a store.
    if (
      target === undefined &&
      STORED_CREDENTIAL.test(ref.name) &&
      privatePackage(project, ref.from, ref.source)
    )
      return `${ref.name}() of ${ref.source} (a stored key or user lookup)`;
    const through = depth < 3 ? fact?.remoteThrough : undefined;
    const deeper = through === undefined ? undefined : importRemote(project, through, depth + 1);
    if (deeper !== undefined) return `${deeper} through ${ref.name}()`;
  }
  return undefined;
}

/**
 * The remote verifier behind an imported function that answers "not verified", following helpers that
 * pass the falsy result on (a few modules deep); undefined when the chain ends anywhere else.
 */
export function verifierRemote(project: Project, ref: ImportRef, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const target = project.resolveModule(ref.from, ref.source);
  const fact = target === undefined ? undefined : project.exportFact(target, ref.name)?.verifier;
  if (fact === undefined) return undefined;
  if (fact.remote !== undefined) return fact.remote;
  return fact.via !== undefined ? verifierRemote(project, fact.via, depth + 1) : undefined;
}

/**
 * Does a caller somewhere answer 401/403 when one of `names`, exported from `file`, says "not verified":
 * directly, or through helpers in other modules passing its falsy result on (a few modules deep)?
 * Exports are compared by their fact, so a caller importing through a barrel counts.
 */
export function authGated(project: Project, file: string, names: readonly string[]): boolean {
  const wanted = new Set(names.map((n) => project.exportFact(file, n)).filter((f) => f !== undefined));
  // `AuthService#check`: a method of an exported class or instance, gated by a caller of that method.
  // An exported interface has no fact of its own: a caller typed by it names this module and the interface.
  const methods = names.flatMap((n) => {
    const [name, method] = n.split('#');
    if (method === undefined || name === undefined) return [];
    return [{ fact: project.exportFact(file, name), name, method }];
  });
  if (wanted.size === 0 && methods.length === 0) return false;
  for (let ref of project.authGates as readonly (ImportRef & { method?: string })[]) {
    if (ref.method !== undefined) {
      const target = project.resolveModule(ref.from, ref.source);
      const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
      const same = (m: (typeof methods)[number]) =>
        m.fact !== undefined ? m.fact === fact : target === file && m.name === ref.name;
      if (methods.some((m) => same(m) && m.method === ref.method)) return true;
      continue;
    }
    for (let depth = 0; depth < 5; depth++) {
      const target = project.resolveModule(ref.from, ref.source);
      const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
      if (fact === undefined) break;
      if (wanted.has(fact)) return true;
      if (fact.verifier?.via === undefined) break;
      ref = fact.verifier.via;
    }
  }
  return false;
}

/**
 * Does one of these imported error classes answer 401/403: where it is declared, or by an error
 * middleware somewhere that answers 401/403 for it by `instanceof`?
 */
export function importAuthError(project: Project, refs: readonly ImportRef[]): boolean {
  const key = (ref: ImportRef) => `${project.resolveModule(ref.from, ref.source)}#${ref.name}`;
  let mapped: Set<string> | undefined;
  return refs.some((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    if (project.exportFact(target, ref.name)?.authError === true) return true;
    mapped ??= new Set(project.authErrorMaps.map(key));
    return mapped.has(key(ref));
  });
}

/** Is every one of these imported project adapters one whose `onError` answers only a local check? */
export function importLocalAdapters(project: Project, refs: readonly ImportRef[]): boolean {
  return refs.every((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    return target !== undefined && project.exportFact(target, ref.name)?.localAdapter === true;
  });
}

/**
 * The remote system behind an imported helper that raises one of `words` for any failure of it
 * (rules/authRebrands.ts): its own, or one its try reaches through project imports; with the words matched.
 */
export function importRebrand(
  project: Project,
  cond: NonNullable<AuthConditions['onlyIfImportRebrands']>,
): { readonly remote: string; readonly words: string } | undefined {
  for (const ref of cond.refs) {
    if (ref.method !== undefined) continue;
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name)?.rebrand;
    const words = fact === undefined ? undefined : rebrandMatches(fact, cond.words);
    if (fact === undefined || words === undefined) continue;
    const remote = fact.remote ?? importRemote(project, fact.through);
    if (remote !== undefined) return { remote: `${remote} inside ${ref.name}()`, words };
  }
  return undefined;
}
