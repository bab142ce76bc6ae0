// A project module that hands on an AWS SDK v3 client class as its own export: a workspace package's
// barrel or subpath export (`import { EventBridgeClient } from '@aws-sdk/client-eventbridge'; export {
// EventBridgeClient }`, or `export { S3Client as Storage } from '@aws-sdk/client-s3'`). An importer's
// `new EventBridgeClient({})` builds the SDK's own client, whose first argument is its options: recorded
// as a subclass fact handing argument 0 to the SDK (ExportFact.sdkSubclass), so the project pass settles
// the importer's candidate (js/rules/sdk.ts importedSubclass) exactly as for a subclass. A class of the
// same name the module defines itself is no such export and is judged by what it extends.
import { type Node, stringValue } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { isV3ClientExport } from './rules/sdkClients.js';

const SDK_CLIENT_SOURCE = /^@aws-sdk\/client-/;

/**
 * The exported names that are an SDK v3 client class passed on unchanged, each with the SDK's name for it.
 * (`export * from '@aws-sdk/client-x'` names nothing the module's text spells, and is not read.)
 *
 * @example
 * sdkClientExports(ctx) // Map { 'EventBridgeClient' => 'EventBridgeClient' }
 */
export function sdkClientExports(ctx: ModuleContext): Map<string, string> {
  const out = new Map<string, string>();
  if (!ctx.spells('@aws-sdk/client-')) return out;
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type !== 'ExportNamedDeclaration' || stmt.exportKind === 'type') continue;
    const source = stringValue(stmt.source);
    if (source === undefined || !SDK_CLIENT_SOURCE.test(source)) continue;
    for (const s of stmt.specifiers as Node[]) {
      const exported = s.exported?.name ?? s.exported?.value;
      const local = s.local?.name ?? s.local?.value;
      if (typeof exported === 'string' && typeof local === 'string' && s.exportKind !== 'type')
        if (isV3ClientExport(local)) out.set(exported, local);
    }
  }
  // `import { X } from '@aws-sdk/client-x'; export { X }` (or `export default X`).
  for (const [name, value] of ctx.exports) {
    if (value.type !== 'Identifier') continue;
    const imp = ctx.imports.get(value.name as string);
    if (imp !== undefined && SDK_CLIENT_SOURCE.test(imp.source) && isV3ClientExport(imp.imported))
      out.set(name, imp.imported);
  }
  return out;
}
