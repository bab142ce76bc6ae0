// What an export offers auth rules in other modules (exportFacts.ts): whether its text can hold a 401/403
// answer or a token verifier at all, and which of a class's methods await a remote verifier. Split from
// exportFacts.ts so the word lists sit beside their patterns, where spelledWords.test.ts can hold them.
import { isClass, type Node } from './ast.js';
import type { ExportFact, ImportRef } from './Candidate.js';
import type { ModuleContext } from './ModuleContext.js';
import { methodOf } from './memberClass.js';
import { methodSettles } from './rules/authMethodSettles.js';
import { testSpelled } from './SourceWords.js';
import { lastTextMemo } from './textMemo.js';

/** Words of an answer of 401/403, asked once per module however many classes it exports. */
export const AUTH_STATUS = /40[13]|nauthori|orbidden|nauthenticated|UNAUTHORI|FORBIDDEN/;
/** AUTH_STATUS's words, one in every alternative (spelledWords.test.ts holds them together). */
export const AUTH_STATUS_WORDS = ['401', '403', 'nauthori', 'orbidden', 'nauthenticated'];
export const authStatusText = lastTextMemo((text) => testSpelled(AUTH_STATUS, text, AUTH_STATUS_WORDS));

/** Words of a class that verifies tokens or looks up keys, sessions or credentials: only then are its methods judged. */
export const AUTH_CLASS =
  /jwt|jwk|token|verif|decrypt|secret|signingkey|introspect|session|credential|api.?key/i;
/** AUTH_CLASS's words, one in every alternative (spelledWords.test.ts holds them together). */
export const AUTH_CLASS_WORDS = [
  'jwt',
  'jwk',
  'token',
  'verif',
  'decrypt',
  'secret',
  'signingkey',
  'introspect',
  'session',
  'credential',
  'api',
];
export const authClassText = lastTextMemo((text) => testSpelled(AUTH_CLASS, text, AUTH_CLASS_WORDS));

/**
 * The async methods of an exported class that await a remote verifier, key, secret or AWS call, for a
 * catch answering 401/403 around `this.adapter.verify(t)` in another module (rules/auth.ts).
 * @example
 * remoteMethodsOf(ctx, classNode, ['verify']); // { remoteMethods: { verify: 'jwks' } } when verify awaits a JWKS fetch
 */
export function remoteMethodsOf(
  ctx: ModuleContext,
  v: Node,
  methods: readonly string[],
): Pick<ExportFact, 'remoteMethods' | 'remoteVia'> {
  const binding = v.type === 'Identifier' ? ctx.resolve(v.name as string, v) : undefined;
  const cls = binding?.kind === 'class' ? binding.declaration : v;
  if (!isClass(cls)) return {};
  const remoteMethods: Record<string, string> = {};
  const remoteVia: Record<string, ImportRef[]> = {};
  for (const method of methods) {
    const fn = methodOf(cls, method);
    if (fn === undefined) continue;
    // `await this.jwtAdapter.verify(t)` or `return this.store.read(k)` of another module's class, also
    // through the class's own methods: the project pass follows the refs there.
    const settles = methodSettles(ctx, cls, fn);
    if (settles.remote !== undefined) remoteMethods[method] = settles.remote;
    else if (settles.refs.length > 0) remoteVia[method] = [...settles.refs];
  }
  return {
    ...(Object.keys(remoteMethods).length > 0 ? { remoteMethods } : {}),
    ...(Object.keys(remoteVia).length > 0 ? { remoteVia } : {}),
  };
}
