// Project construct fields settled across modules: a function one construct keeps in a field (or an alias
// of it) and another module routes behind an API, targets from an EventBridge rule, or builds itself
// (rules/cdkFieldRoutes.ts, cdkTargetedFields.ts, cdkApiProps.ts record both ends).
import { outlivesGateway } from './iac/gatewayLimit.js';
import type { Candidate } from './js/Candidate.js';
import type { Project } from './project.js';

/** Some module hands this module's construct field to an API construct whose route waits less. */
export function fieldRouted(
  project: Project,
  file: string,
  f: NonNullable<Candidate['onlyIfFieldRouted']>,
): boolean {
  return project.fieldRoutes.some((r) => {
    if (r.asyncTarget === true || !f.exports.includes(r.owner.name)) return false;
    if (r.field !== f.field && f.aliases?.includes(r.field) !== true) return false;
    // A CDK function's field is the function: a route through a field of it (`owner.field.fn`) is not it.
    if ((r.through !== undefined && f.nested !== true) || r.overridden === true) return false;
    if (project.resolveModule(r.owner.from, r.owner.source) !== file) return false;
    if (r.limit !== undefined) return outlivesGateway(f.seconds, r.limit);
    const api = r.api === undefined ? undefined : project.resolveModule(r.api.from, r.api.source);
    const limit =
      api === undefined || r.key === undefined
        ? undefined
        : project.exportFact(api, r.api?.name ?? '')?.apiRoutes?.[r.key];
    return limit !== undefined && outlivesGateway(f.seconds, limit);
  });
}

/** Some module makes this module's construct field an EventBridge rule's Lambda target (rules/cdkTargetedFields.ts). */
export function fieldTargeted(
  project: Project,
  file: string,
  f: NonNullable<Candidate['onlyIfFieldTargeted']>,
): boolean {
  return project.fieldRoutes.some(
    (r) =>
      r.asyncTarget === true &&
      r.field === f.field &&
      f.exports.includes(r.owner.name) &&
      project.resolveModule(r.owner.from, r.owner.source) === file,
  );
}

/** The construct module builds the field's function itself, so it judges the function (rules/cdkTargetedFields.ts). */
export function fieldBuilt(
  project: Project,
  { owner, field }: NonNullable<Candidate['unlessFieldBuilt']>,
): boolean {
  const file = project.resolveModule(owner.from, owner.source);
  const built = file === undefined ? undefined : project.factsOf(file)?.builtFunctionFields;
  return built?.some((f) => f.field === field && f.exports.includes(owner.name)) === true;
}
