// iac-gateway-timeout-exceeds-lambda settled across modules: a timeout judged in one module (a function
// default, shared props, a handler's own) and the API whose integration limit it must stay under built in
// another. The rule leaves a candidate with the imported names; these checks read their export facts.
import { outlivesGateway } from './iac/gatewayLimit.js';
import type { Candidate, ExportFact, ImportRef } from './js/Candidate.js';
import { someNamespaceExport } from './namespaceExports.js';
import type { Project } from './project.js';

/**
 * Whether one of the imported `refs` builds an API (the export's `fact`, read only where its module's text
 * mentions `marker`, or one of several) whose integration limit a function allowed `seconds` outlives.
 * @example
 * behindApi(project, { refs, seconds: 60 }, 'sst/constructs', 'sstApi') // true when an imported stack builds an SST Api
 */
export function behindApi(
  project: Project,
  gate: { readonly refs: readonly ImportRef[]; readonly seconds: number },
  marker: string | readonly string[],
  fact: 'serverlessApi' | 'sstApi',
): boolean {
  const markers = typeof marker === 'string' ? [marker] : marker;
  return gate.refs.some((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    if (target === undefined) return false;
    const mayHold = (text: string) => markers.some((m) => text.includes(m));
    const outlived = (f: ExportFact) => f[fact] !== undefined && outlivesGateway(gate.seconds, f[fact]);
    // A namespace import (`*`) stands for every definition its module exports.
    if (ref.name === '*') return someNamespaceExport(project, target, mayHold, outlived);
    const f = project.exportFactWhere(target, ref.name, mayHold);
    return f !== undefined && outlived(f);
  });
}

/**
 * Whether the imported construct (or one of the others the same props went to) routes the function at `key`
 * to an API whose limit `seconds` outlives.
 * @example
 * importRouted(project, { ref, key: 'handler', seconds: 60 }) // true when ./ApiStack routes `handler` behind a REST API
 */
export function importRouted(
  project: Project,
  gate: NonNullable<Candidate['onlyIfImportApiRoute']>,
): boolean {
  const { ref, key, seconds, or = [] } = gate;
  return [{ ref, key }, ...or].some((r) => {
    const target = project.resolveModule(r.ref.from, r.ref.source);
    const limit =
      target === undefined ? undefined : project.exportFact(target, r.ref.name)?.apiRoutes?.[r.key];
    return limit !== undefined && outlivesGateway(seconds, limit);
  });
}
