// The names a module passes on from other modules (`export * from`, `export { a as b } from`, and an import
// exported again): the project pass follows an importer's name through them to the module that defines it.
import { memberPath, type Node, unwrap } from './ast.js';
import type { ReExport } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { mayBeWorkspaceImport } from './workspaceImports.js';

/**
 * `export * from`, `export { a as b } from`: names this module passes on from others.
 * @example
 * reExports(ctx) // [{ source: './stage', names: [['Stage', '*']] }] for `export * as Stage from './stage'`
 */
export function reExports(ctx: ModuleContext): ReExport[] {
  const out: ReExport[] = [];
  for (const stmt of ctx.program.body as Node[]) {
    if (stmt.type === 'ExportAllDeclaration' && stmt.source && !stmt.exported) {
      out.push({ source: stmt.source.value as string });
    } else if (stmt.type === 'ExportAllDeclaration' && stmt.source) {
      // `export * as Stage from './stage'`: the module itself under a name (`*`, as an import spells it);
      // exportLookup.ts follows `Stage.assumeRole` into it.
      const exported = stmt.exported?.name ?? stmt.exported?.value;
      if (typeof exported === 'string')
        out.push({ source: stmt.source.value as string, names: [[exported, '*']] });
    } else if (stmt.type === 'ExportNamedDeclaration' && stmt.source) {
      const names: [string, string][] = [];
      for (const s of stmt.specifiers as Node[]) {
        const exported = s.exported?.name ?? s.exported?.value;
        const local = s.local?.name ?? s.local?.value;
        if (typeof exported === 'string' && typeof local === 'string') names.push([exported, local]);
      }
      out.push({ source: stmt.source.value as string, names });
    }
  }
  // CommonJS: `module.exports = { ...require('./a'), ...require('./b') }` passes on all of each.
  for (const source of spreadRequires(ctx)) out.push({ source });
  // `import { x } from './y'; export { x }` is a re-export too.
  for (const [name, value] of ctx.exports) {
    if (value.type === 'Identifier') {
      const imp = ctx.imports.get(value.name as string);
      if (imp !== undefined && mayBeWorkspaceImport(imp.source))
        out.push({ source: imp.source, names: [[name, imp.imported]] });
    }
  }
  return out;
}

/**
 * The modules a CommonJS barrel spreads into its exports at top level: `module.exports = { ...require('./a') }`
 * exports every name `./a` exports (a layer's or a package's index built from its files).
 * @example
 * spreadRequires(ctx) // ['./api-utils', './subscriptions'] for `module.exports = { ...require('./api-utils'), ...require('./subscriptions') }`
 */
function spreadRequires(ctx: ModuleContext): string[] {
  if (!ctx.spells('...require(')) return [];
  const out: string[] = [];
  for (const stmt of ctx.program.body as Node[]) {
    const e = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression) : undefined;
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    if (memberPath(e.left)?.join('.') !== 'module.exports') continue;
    const value = unwrap(e.right);
    if (value?.type !== 'ObjectExpression') continue;
    for (const prop of value.properties as Node[]) {
      const arg = prop.type === 'SpreadElement' ? unwrap(prop.argument) : undefined;
      if (arg?.type !== 'CallExpression' || unwrap(arg.callee)?.name !== 'require') continue;
      const first = unwrap((arg.arguments as Node[])[0]);
      if (first?.type === 'Literal' && typeof first.value === 'string') out.push(first.value);
    }
  }
  return out;
}

/**
 * The name `name`, exported by a module, has in the module `re` passes it on from: the same name through
 * `export * from`, the local of a renamed `export { local as name } from`; undefined when `re` does not pass it.
 * @example
 * passedOnAs({ source: './a', names: [['save', 'saveOrder']] }, 'save') // 'saveOrder'
 */
export function passedOnAs(re: ReExport, name: string): string | undefined {
  return re.names === undefined ? name : re.names.find(([exported]) => exported === name)?.[1];
}
