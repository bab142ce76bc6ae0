// Modules loaded by folder and class modules made inline. A plugin loader requires every module of a folder
// by a computed path (`for (const file of readdirSync(dir)) this[parse(file).name] = require(`${dir}/${file}`)`)
// and calls a method on the one it picks (`this[source.provider].processor(...)`): the export of that name
// of every module in the folder runs on the caller's path. `new (require('./lib/providers'))()` makes an
// instance of the module's exported class as `const P = require(...); new P()` would.
import { calleeName, isFunction, type Node, propertyName, stringValue, unwrap } from './ast.js';
import type { ImportRef } from './Candidate.js';
import { isProjectSource, type ModuleContext } from './ModuleContext.js';

/** The tail a folder's source carries in an ImportRef: `../providers/*` stands for each module in it. */
export const FOLDER_TAIL = '/*';

/**
 * `require('./lib/providers')` with a literal path of the project: that source.
 *
 * @example
 * requiredSource(node) // require('./lib/providers') -> './lib/providers'
 */
export function requiredSource(node: Node | undefined): string | undefined {
  const n = unwrap(node);
  if (n?.type !== 'CallExpression' || calleeName(n) !== 'require' || unwrap(n.callee)?.type !== 'Identifier')
    return undefined;
  const source = stringValue((n.arguments as Node[])[0]);
  return source !== undefined && isProjectSource(source) ? source : undefined;
}

/** The folder a `require(`${dir}/${file}`)` loads every module of, when `dir` is a literal (or a const of one). */
function loadedFolder(ctx: ModuleContext, call: Node): string | undefined {
  if (calleeName(call) !== 'require') return undefined;
  const arg = unwrap((call.arguments as Node[])[0]);
  if (arg?.type !== 'TemplateLiteral') return undefined;
  const quasis = (arg.quasis as Node[]).map((q) => (q.value as { cooked?: string }).cooked ?? '');
  const exprs = arg.expressions as Node[];
  // `${dir}/${file}` or `./handlers/${file}`: a fixed folder, then one computed file name.
  const fixed =
    exprs.length === 2 && quasis[0] === '' && quasis[1] === '/' && quasis[2] === ''
      ? stringValue(ctx.valueOf(exprs[0]) ?? exprs[0])
      : exprs.length === 1 && quasis[1] === '' && quasis[0]?.endsWith('/')
        ? quasis[0].slice(0, -1)
        : undefined;
  return fixed?.startsWith('.') ? fixed : undefined;
}

/**
 * The calls of a picked module's method (`this[name].processor(...)`, `plugins[kind].run(...)`) in a module
 * that loads a folder's modules by computed path, each as a reference to the export of that name of every
 * module in the folder, with the function the call sits in.
 *
 * @example
 * folderLoadCalls(ctx) // [{ fn: processorMethod, ref: { from, source: '../providers/*', name: 'processor' } }]
 */
export function folderLoadCalls(ctx: ModuleContext): { fn: Node; ref: ImportRef }[] {
  if (!ctx.spells('require(`')) return [];
  const folders = new Set<string>();
  for (const call of ctx.of('CallExpression')) {
    const folder = loadedFolder(ctx, call);
    if (folder !== undefined) folders.add(folder);
  }
  // One folder only: with two, which one a picked module comes from is not known.
  if (folders.size !== 1) return [];
  const source = `${[...folders][0]}${FOLDER_TAIL}`;
  const out: { fn: Node; ref: ImportRef }[] = [];
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const picked = callee?.type === 'MemberExpression' ? unwrap(callee.object) : undefined;
    if (picked?.type !== 'MemberExpression' || picked.computed !== true) continue;
    const name = propertyName(callee?.property, callee?.computed as boolean);
    const fn = ctx.enclosingFunction(call);
    if (name !== undefined && fn !== undefined && isFunction(fn))
      out.push({ fn, ref: { from: ctx.file, source, name } });
  }
  return out;
}
