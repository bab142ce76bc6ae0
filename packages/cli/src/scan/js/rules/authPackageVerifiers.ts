// Token verifiers of identity-provider SDKs whose network use depends on their options. The module's import
// source alone cannot say: a scoped package (`@clerk/backend`) may be a workspace, so the generic path leaves
// it to the project pass, which finds no such module and drops the catch. What the package does is known:
//
// - Clerk's `verifyToken(token, options)` (@clerk/backend src/tokens/verify.ts, re-exported by the framework
//   SDKs): "Networkless if the `jwtKey` is provided. Otherwise, performs a network call to retrieve the JWKS
//   from the Backend API" (loadClerkJWKFromRemote with the secret key). Options seen in full without `jwtKey`
//   are a JWKS fetch; with it, a local check. A spread is read through when its source is a literal of the
//   module (`{ ...base, secretKey }`); options, or a spread, out of sight decide nothing here.
import { type Node, propertyName, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const CLERK_PACKAGES = new Set([
  '@clerk/backend',
  '@clerk/clerk-sdk-node',
  '@clerk/express',
  '@clerk/fastify',
  '@clerk/nextjs/server',
]);

/**
 * What a package verifier `call` (imported from `source` as `imported`) depends on: 'remote' (it fetches
 * keys), 'local' (it checks against a key in hand), or undefined when it is none of these or cannot tell.
 * @example
 * packageVerifier(ctx, call, '@clerk/backend', 'verifyToken') // 'remote' for verifyToken(t, { secretKey })
 */
export function packageVerifier(
  ctx: ModuleContext,
  call: Node,
  source: string,
  imported: string,
): 'remote' | 'local' | undefined {
  if (!CLERK_PACKAGES.has(source) || imported !== 'verifyToken') return undefined;
  const options = unwrap(ctx.valueOf((call.arguments as Node[])[1]));
  const named = namesJwtKey(ctx, options);
  return named === undefined ? undefined : named ? 'local' : 'remote';
}

/**
 * Do options `node` name `jwtKey`, in the literal or in a spread whose source the module shows in full
 * (`{ ...base, secretKey }` with `const base = {...}`)? undefined when a part is out of sight.
 */
function namesJwtKey(ctx: ModuleContext, node: Node | undefined, depth = 0): boolean | undefined {
  if (node?.type !== 'ObjectExpression' || depth > 3) return undefined;
  let unseen = false;
  for (const p of node.properties as Node[]) {
    if (p.type === 'SpreadElement') {
      const named = namesJwtKey(ctx, unwrap(ctx.valueOf(p.argument as Node)), depth + 1);
      if (named === true) return true;
      if (named === undefined) unseen = true;
      continue;
    }
    const key = propertyName(p.key as Node, p.computed as boolean);
    if (key === 'jwtKey') return true;
    if (key === undefined) unseen = true;
  }
  return unseen ? undefined : false;
}
