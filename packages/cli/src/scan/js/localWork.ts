// Awaited work that never leaves the process: password hashing and key derivation (bcrypt, argon2,
// pbkdf2) and image decoding (sharp, jimp) run on the function's own CPU. Such a call fails on bad input
// (a malformed stored hash, a corrupt upload), never because another system is down, so a catch around it
// alone (`try { return await bcrypt.compare(pw, hash) } catch { return false }`) hides no outage.
import { type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Packages whose promises do local CPU work only. */
const LOCAL_PACKAGES =
  /^(?:bcrypt|bcryptjs|argon2|@node-rs\/(?:argon2|bcrypt)|pbkdf2-password-hash|sharp|jimp|image-size)$/;

/**
 * Is the awaited `call` local work of such a package: a function imported from it (`bcrypt.compare(...)`,
 * `pbkdf2Compare(...)`), or a method of a value one of its functions built, kept in a const or in a field
 * of `this` (`this.image = sharp(data); await this.image.metadata()`)?
 *
 * @example
 * localWork(ctx, call) // true for `await sharp(buffer).metadata()`
 */
export function localWork(ctx: ModuleContext, call: Node): boolean {
  return rootPackage(ctx, unwrap(call.callee), 0);
}

/** Follows a callee down to the name it starts from, and that name to the import or value behind it. */
function rootPackage(ctx: ModuleContext, node: Node | undefined, depth: number): boolean {
  if (node === undefined || depth > 4) return false;
  if (node.type === 'MemberExpression') {
    const object = unwrap(node.object as Node);
    if (object?.type === 'ThisExpression') return fieldBuilt(ctx, node, depth);
    return rootPackage(ctx, object, depth);
  }
  if (node.type === 'CallExpression' || node.type === 'NewExpression')
    return rootPackage(ctx, unwrap(node.callee as Node), depth);
  if (node.type !== 'Identifier') return false;
  const name = node.name as string;
  const imp = ctx.importOf(name, node);
  if (imp !== undefined) return LOCAL_PACKAGES.test(imp.source);
  // A const only: a `let` may hold something else by the time it is awaited.
  const binding = ctx.resolve(name, node);
  const init = binding?.kind === 'const' ? unwrap(binding.init) : undefined;
  return init !== undefined && rootPackage(ctx, init, depth + 1);
}

/** `this.image`: every assignment statement of that field in the module stores a value such a package built. */
function fieldBuilt(ctx: ModuleContext, member: Node, depth: number): boolean {
  const field = (member.property as Node).name as string | undefined;
  if (field === undefined || member.computed === true) return false;
  let stores = 0;
  for (const statement of ctx.of('ExpressionStatement')) {
    const a = statement.expression as Node;
    if (a.type !== 'AssignmentExpression') continue;
    const left = unwrap(a.left as Node);
    if (
      left?.type !== 'MemberExpression' ||
      unwrap(left.object as Node)?.type !== 'ThisExpression' ||
      (left.property as Node).name !== field
    )
      continue;
    if (!rootPackage(ctx, unwrap(a.right as Node), depth + 1)) return false;
    stores++;
  }
  return stores > 0;
}
