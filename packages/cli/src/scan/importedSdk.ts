// Settles `new AWS.S3()` of a project import (js/rules/sdkReexports.ts): the client is the SDK's only when
// the module the importer's own specifier resolves to passes the SDK on (js/sdkNamespaceExports.ts).
import type { ImportRef } from './js/Candidate.js';
import type { Project } from './project.js';

/**
 * Is the whole import (`require('./aws')`, `import * as AWS`) the aws-sdk v2 namespace or a member of it?
 *
 * @example
 * importSdkNamespace(project, { from: '/r/commons/s3.js', source: './aws', name: 'default' }) // true
 */
export function importSdkNamespace(project: Project, ref: ImportRef): boolean {
  const target = project.resolveModule(ref.from, ref.source);
  if (target === undefined) return false;
  return project.exportFact(target, ref.name)?.sdkNamespace === true;
}
