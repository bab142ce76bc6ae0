// doesIo's local work, reached through a promisified alias: `const gunzip = promisify(zlib.gunzip)` then
// `await gunzip(buffer)` decompresses in the process, as `zlib.gunzipSync` would; it reaches no other system.
// So do `util.promisify(crypto.scrypt)` and `promisify(gunzip)` of a function imported from `node:zlib`.
import { calleeName, memberPath, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Node's modules whose promisified functions work in the process, or on the local disk. */
const LOCAL_MODULE = /^(?:node:)?(?:zlib|crypto|fs|fs\/promises|path)$/;

/**
 * Is the awaited call (`gunzip(buf)`) of a module const made by `promisify` of a local module's function,
 * named through `roots` (the module objects doesIo already reads as local: `zlib`, `crypto`, `fs`) or
 * imported from that module?
 *
 * @example
 * promisifiedLocal(ctx, call, roots) // `await gunzip(data)` with `const gunzip = promisify(zlib.gunzip)` -> true
 */
export function promisifiedLocal(ctx: ModuleContext, call: Node, roots: ReadonlySet<string>): boolean {
  const callee = unwrap(call.callee as Node);
  if (callee?.type !== 'Identifier') return false;
  const binding = ctx.resolve(callee.name as string, callee);
  const made = binding?.kind === 'const' ? unwrap(binding.init) : undefined;
  if (made?.type !== 'CallExpression' || calleeName(made) !== 'promisify') return false;
  const wrapped = unwrap((made.arguments as Node[])[0]);
  const root = wrapped === undefined ? undefined : memberPath(wrapped)?.[0];
  if (root === undefined || wrapped === undefined) return false;
  const imported = ctx.importOf(root, wrapped)?.source;
  return imported !== undefined ? LOCAL_MODULE.test(imported) : roots.has(root);
}
