// Awaited work that never leaves the process: password hashing and key derivation (bcrypt, argon2,
// pbkdf2) and image decoding (sharp, jimp) run on the function's own CPU. Such a call fails on bad input
// (a malformed stored hash, a corrupt upload), never because another system is down, so a catch around it
// alone (`try { return await bcrypt.compare(pw, hash) } catch { return false }`) hides no outage. Jimp's
// `read` also takes a URL and downloads it first: that read is not local.
import { calleeName, type Node, stringValue, unwrap } from './ast.js';
import { localDecode } from './localDecoders.js';
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
  // A token decoded without a key (`await jose.decodeJwt(t)`): js/localDecoders.ts.
  return localDecode(ctx, call) || rootPackage(ctx, call, 0);
}

/** A value that names a remote file: a string or template literal, a concatenation, `new URL(...)`, a `...url`. */
const URL_NAME = /(?:url|uri|href)$/i;

/** `read(x)` of a location rather than bytes (`Jimp.read('https://...')`, `Jimp.read(imageUrl)`): it may download. */
function readsLocation(ctx: ModuleContext, call: Node): boolean {
  if (calleeName(call) !== 'read') return false;
  const arg = unwrap((call.arguments as Node[])[0]);
  if (arg === undefined) return false;
  const value = unwrap(ctx.valueOf(arg) ?? arg);
  if (stringValue(value) !== undefined || value?.type === 'TemplateLiteral') return true;
  if (value?.type === 'BinaryExpression' && value.operator === '+') return true;
  if (value?.type === 'NewExpression' && unwrap(value.callee as Node)?.name === 'URL') return true;
  const name = arg.type === 'MemberExpression' ? (arg.property as Node).name : arg.name;
  return typeof name === 'string' && URL_NAME.test(name);
}

/** Follows a callee down to the name it starts from, and that name to the import or value behind it. */
function rootPackage(ctx: ModuleContext, node: Node | undefined, depth: number): boolean {
  if (node === undefined || depth > 4) return false;
  if (node.type === 'MemberExpression') {
    const object = unwrap(node.object as Node);
    if (object?.type === 'ThisExpression') return fieldBuilt(ctx, node, depth);
    return rootPackage(ctx, object, depth);
  }
  if (node.type === 'CallExpression' && readsLocation(ctx, node)) return false;
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

/**
 * Answers per module and field: every awaited `this.x.y()` of a class asks about its field, and each answer
 * walks the module's statements.
 */
const fieldAnswers = new WeakMap<ModuleContext, Map<string, boolean>>();

/** `this.image`: every assignment statement of that field in the module stores a value such a package built. */
function fieldBuilt(ctx: ModuleContext, member: Node, depth: number): boolean {
  const field = (member.property as Node).name as string | undefined;
  if (field === undefined || member.computed === true) return false;
  const known = fieldAnswers.get(ctx) ?? new Map<string, boolean>();
  fieldAnswers.set(ctx, known);
  const answer = known.get(field);
  if (answer !== undefined) return answer;
  // A field stored from itself (`this.x = this.x.resize(...)`) asks again while answering: no, until known.
  known.set(field, false);
  const built = storesBuilt(ctx, field, depth);
  known.set(field, built);
  return built;
}

function storesBuilt(ctx: ModuleContext, field: string, depth: number): boolean {
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
