// SDK client options a candidate takes from the project's own helpers or objects, judged once the
// project pass can read the module that exports them.
import type { Candidate, ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * The imported options (or helper's result): `untimed` when seen in full without a timeout, `unread`
 * when the module cannot be found in the scan (a Lambda layer's `/opt/nodejs/...`, a path alias, a
 * package that is not one of the project's), `timed` (or out of sight in a module it read) otherwise.
 *
 * @example
 * optionsFrom(project, { ref: { from, source: './config', name: 'awsConfig' }, argSeen: false }) // 'untimed'
 */
export function optionsFrom(
  project: Project,
  d: { readonly ref: ImportRef; readonly argSeen: boolean; readonly prop?: string },
): 'untimed' | 'unread' | 'timed' {
  const target = project.resolveModule(d.ref.from, d.ref.source);
  if (target === undefined) return 'unread';
  const fact = project.exportFact(target, d.ref.name);
  const options = d.prop === undefined ? fact?.options : fact?.optionProps?.[d.prop];
  if (options === undefined || options.unknown || options.timeout) return 'timed';
  // `zod(schema, fn)`: fn's options are the export's only if the wrapper's own body forwards fn's answer.
  if (options.through !== undefined) {
    const { ref, param } = options.through;
    const wrapper = project.resolveModule(ref.from, ref.source);
    if (wrapper === undefined || project.exportFact(wrapper, ref.name)?.forwards !== param) return 'timed';
  }
  return options.param === undefined || d.argSeen ? 'untimed' : 'timed';
}

/**
 * For a kept SDK-client candidate: the first imported options source the scan could not read
 * (`customAwsConfig from 'aws-nodesdk-custom-config'`), or undefined when every source was read.
 *
 * @example
 * optionsUnread(project, candidate) // "customAwsConfig from 'aws-nodesdk-custom-config'"
 */
export function optionsUnread(project: Project, c: Candidate): string | undefined {
  const unread = c.onlyIfOptionsUntimed?.find((d) => optionsFrom(project, d) === 'unread');
  return unread === undefined ? undefined : `${unread.ref.name} from '${unread.ref.source}'`;
}
