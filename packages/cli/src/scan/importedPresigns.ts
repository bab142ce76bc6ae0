// Settles swallowed-error's catch against the project functions its try calls that only presign
// (js/rules/presignHelpers.ts).
import type { LoggedCallRef } from './js/rules/importedCallFacts.js';
import type { Project } from './project.js';

/**
 * Every imported call resolves to a function, or a method of an exported object or class, that only
 * presigns: the try reaches no other system whose failure the catch could hide.
 *
 * @example
 * importsPresign(project, [{ from: '/app/a.ts', source: './s3', name: 'createPresignedGetUrl', method: '' }]) // true when it only calls getSignedUrl
 */
export function importsPresign(project: Project, refs: readonly LoggedCallRef[]): boolean {
  return refs.every((ref) => {
    const target = project.resolveModule(ref.from, ref.source);
    const fact = target === undefined ? undefined : project.exportFact(target, ref.name);
    return fact?.presigns?.includes(ref.method) === true;
  });
}
