// A project module whose export IS the aws-sdk v2 namespace, or a member of it: `module.exports =
// require('aws-sdk')`, `const AWS = require('aws-sdk'); module.exports = AWS`, `export default AWS`,
// `export * from 'aws-sdk'`, `exports.DynamoDB = AWS.DynamoDB`. Projects put the SDK behind such a module
// (`./aws`, a workspace package's `commons/aws`) to configure it once; the importer's `new AWS.S3()` then
// builds an SDK client all the same (rules/sdk.ts settles it through ExportFact.sdkNamespace). When that
// module bounds every client itself (`AWS.config.update({ httpOptions })`, `AWS.config.httpOptions = ...`),
// the clients built from it are not untimed and nothing is recorded.
import { type Node, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';
import { capturesSdk, xrayCapturedSdk } from './rules/sdkV2Clients.js';

/** The global configuration's httpOptions, set once for every client of the SDK. */
const GLOBAL_HTTP_OPTIONS = /config\s*\.\s*(?:update\(\s*\{[\s\S]{0,200})?httpOptions/;

/** `require('aws-sdk')`, an SDK import, X-Ray's captured SDK, or a member of one of them. */
function isSdk(ctx: ModuleContext, value: Node | undefined): boolean {
  let v = unwrap(value);
  while (v?.type === 'MemberExpression') v = unwrap(v.object as Node);
  if (requiredSpecifier(v) === 'aws-sdk' || capturesSdk(ctx, v)) return true;
  if (v?.type !== 'Identifier') return false;
  const imp = ctx.importOf(v.name as string, v);
  if (imp !== undefined) return imp.source === 'aws-sdk';
  return xrayCapturedSdk(ctx, v);
}

/**
 * The names under which the module exports the v2 SDK namespace or one of its members ('default' for
 * `module.exports =` and `export default`, '*' for `export * from 'aws-sdk'`).
 *
 * @example
 * sdkNamespaceExports(ctx) // ['default'] for "const AWS = require('aws-sdk'); module.exports = AWS;"
 */
export function sdkNamespaceExports(ctx: ModuleContext): string[] {
  if (!ctx.spells('aws-sdk') || (ctx.spells('httpOptions') && GLOBAL_HTTP_OPTIONS.test(ctx.source)))
    return [];
  const out: string[] = [];
  for (const [name, value] of ctx.exports) if (isSdk(ctx, value)) out.push(name);
  for (const stmt of ctx.program.body as Node[])
    if (stmt.type === 'ExportAllDeclaration' && !stmt.exported && stringValue(stmt.source) === 'aws-sdk')
      out.push('*');
  return out;
}
