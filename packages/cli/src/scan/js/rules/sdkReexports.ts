// `const AWS = require('./aws'); new AWS.S3()`: an aws-sdk v2 client built from a project module that
// passes the SDK on (js/sdkNamespaceExports.ts). Only the importer's own specifier is followed, by the
// project pass (keepCandidate.ts): here the client is named and the import to settle it against recorded.
import { memberPath, type Node } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mayBeWorkspaceImport } from '../workspaceImports.js';
import { notAClient } from './sdkV2Clients.js';

/** An SDK class name: `S3`, `DynamoDB`, `CognitoIdentityServiceProvider` (a factory's `create` is none). */
const CLASS = /^[A-Z]/;

/**
 * The dotted name of the v2 client `callee` would build if its root, imported from a project module,
 * is the SDK (or a member of it), with that import; undefined for anything else.
 *
 * @example
 * reexportedV2Client(ctx, callee) // { name: 'AWS.S3', ref: { from, source: './aws', name: 'default' } }
 */
export function reexportedV2Client(
  ctx: ModuleContext,
  callee: Node,
): { name: string; ref: ImportRef } | undefined {
  const path = memberPath(callee);
  // `new AWS.S3()`: a class read off the whole import. A class imported by name (`new App()` of
  // `import { App } from 'aws-cdk-lib'`) is left: it is seldom the SDK, and every package's would be a candidate.
  if (path === undefined || path.length < 2 || notAClient(path) || !CLASS.test(path.at(-1) as string))
    return undefined;
  const imp = ctx.importRoot(callee);
  if (imp === undefined || (imp.imported !== 'default' && imp.imported !== '*')) return undefined;
  if (!mayBeWorkspaceImport(imp.source)) return undefined;
  return { name: path.join('.'), ref: { from: ctx.file, source: imp.source, name: imp.imported } };
}

/** `new AWS.S3(`: a class read off a name (its binding is checked next). */
const NEW_MEMBER = /\bnew\s+([A-Za-z_$][\w$]*)\s*\.\s*[A-Z]/g;

/**
 * The rule gate's text check (js/ruleGate.ts): `new X.Y(` with X bound by a require or import of any
 * source but the SDK's own (those the gate admits already).
 *
 * @example
 * mayBuildFromProjectSdk("const AWS = require('./aws'); const s3 = new AWS.S3();") // true
 */
export function mayBuildFromProjectSdk(source: string): boolean {
  const seen = new Set<string>();
  for (const m of source.matchAll(NEW_MEMBER)) {
    const name = m[1] as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const id = name.replace(/\$/g, '\\$');
    const bound = new RegExp(
      `\\b(?:(?:const|let|var|import)\\s+${id}\\s*=\\s*require\\(|import\\s+(?:\\*\\s+as\\s+)?${id}\\s+from)\\s*['"\`](?!aws-sdk)`,
    );
    if (bound.test(source)) return true;
  }
  return false;
}
