// The names a module passes on from other modules (`export * from`, `export { a as b } from`, and an import
// exported again): the project pass follows an importer's name through them to the module that defines it.
import { memberPath, type Node, unwrap } from './ast.js';
import type { ReExport } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { requiredSpecifier } from './moduleSpecifier.js';
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
  // CommonJS: `module.exports = { ...require('./a'), mail: require('./mail') }` passes on all of `./a`,
  // and `./mail` whole under one name.
  out.push(...commonJsRequires(ctx));
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
 * The modules a CommonJS barrel passes on at top level. Spread into its exports
 * (`module.exports = { ...require('./a') }`), every name `./a` exports (a layer's or a package's index built
 * from its files); kept under a key (`module.exports = { mail: require('./mail') }`, the same object named
 * first, `const t = {...}; module.exports = t`, `exports.mail = require('./mail')`, `module.exports.mail =
 * ...`), the module itself under that name, as `export * as mail from './mail'` spells it:
 * `lib.mail.send(...)` in an importer calls `./mail`'s `send`. Without this the index was no importer of
 * `./mail` at all, and an importer that bound `./mail` and never used it looked like its only one
 * (unnamedExports.ts dropped every finding behind it). A deferred index is read from its text instead
 * (callerText.ts commonJsPassedSources): the two agree on these forms (reExports.test.ts holds the table);
 * on rarer ones (a nested key, `Object.assign(module.exports, ...)`) the text reads more, never less.
 * @example
 * commonJsRequires(ctx) // [{ source: './a' }, { source: './mail', names: [['mail', '*']], commonJsKey: true }]
 */
function commonJsRequires(ctx: ModuleContext): ReExport[] {
  if (!ctx.spells('require(') || !ctx.spells('exports')) return [];
  const out: ReExport[] = [];
  for (const stmt of ctx.program.body as Node[]) {
    const e = stmt.type === 'ExpressionStatement' ? unwrap(stmt.expression) : undefined;
    if (e?.type !== 'AssignmentExpression' || e.operator !== '=') continue;
    const left = memberPath(e.left)?.join('.');
    const value = objectNamed(ctx, unwrap(e.right));
    if (left === 'module.exports' && value?.type === 'ObjectExpression') {
      for (const prop of value.properties as Node[]) {
        if (prop.type === 'SpreadElement') {
          const source = requiredSource(prop.argument);
          if (source !== undefined) out.push({ source });
          continue;
        }
        const key = prop.type === 'Property' && !prop.computed ? propertyKey(prop.key) : undefined;
        const source = key === undefined ? undefined : requiredSource(prop.value);
        if (key !== undefined && source !== undefined)
          out.push({ source, names: [[key, '*']], commonJsKey: true });
      }
      continue;
    }
    // `exports.mail = require('./mail')`, `module.exports.mail = ...`: one key at a time.
    const key = left?.match(/^(?:module\.)?exports\.([\w$]+)$/)?.[1];
    const source = key === undefined ? undefined : requiredSource(value);
    if (key !== undefined && source !== undefined)
      out.push({ source, names: [[key, '*']], commonJsKey: true });
  }
  return out;
}

/** `t` of `const t = { ... }; module.exports = t` is its object, as callerText.ts's text reader takes it. */
function objectNamed(ctx: ModuleContext, value: Node | undefined): Node | undefined {
  if (value?.type !== 'Identifier') return value;
  const binding = ctx.resolve(value.name as string, value);
  const init = binding?.kind === 'const' ? unwrap(binding.init) : undefined;
  return init?.type === 'ObjectExpression' ? init : value;
}

/** The literal path of `require('./x')`, else undefined. */
function requiredSource(node: Node | undefined): string | undefined {
  return requiredSpecifier(node);
}

/** An object key spelled as a name or a string (`mail:`, `'mail':`). */
function propertyKey(key: Node): string | undefined {
  if (key.type === 'Identifier') return key.name as string;
  return key.type === 'Literal' && typeof key.value === 'string' ? key.value : undefined;
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
