// Reading a token's claims or header with no key and no request: jose's `decodeJwt` and
// `decodeProtectedHeader`, jwt-decode, jsonwebtoken's `decode`. They fail only on a malformed token, never
// because another system is down, whatever their "jwt" names suggest to the rules that judge by name.
import { calleeName, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** The package's decoding functions, by the name it exports them under. */
const LOCAL_DECODERS: Readonly<Record<string, RegExp>> = {
  jose: /^(decodeJwt|decodeProtectedHeader)$/,
  'jwt-decode': /./,
  jsonwebtoken: /^decode$/,
};

/**
 * Is `call` one of those decoders, by the import its callee comes from (`decodeJwt(t)`,
 * `jose.decodeJwt(t)`, `jwt.decode(t)`, `jwtDecode(t)`)?
 *
 * @example localDecode(ctx, call) // true for `await jose.decodeJwt(token)`
 */
export function localDecode(ctx: ModuleContext, call: Node): boolean {
  if (call.type !== 'CallExpression') return false;
  const imp = ctx.importRoot(call.callee);
  if (imp === undefined || !Object.hasOwn(LOCAL_DECODERS, imp.source)) return false;
  const name = unwrap(call.callee)?.type === 'Identifier' ? imp.imported : calleeName(call);
  return (LOCAL_DECODERS[imp.source] as RegExp).test(name ?? '');
}
