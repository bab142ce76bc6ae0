// A request to an identity provider's token endpoint (a refresh-token grant, a code exchange), shared by
// infra-error-as-auth's readings of what a failed exchange is answered with (authTokenExchange.ts) and of a
// failed refresh told as a lost grant (authReconnect.ts).
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** A token endpoint: Google's securetoken, an OAuth/OIDC `/token`, Cognito's `/oauth2/token`, a body naming `grant_type`. */
export const TOKEN_URL = /securetoken|oauth2?\/token|\/token\b|\/connect\/token|grant_type/i;
/**
 * A word every match of TOKEN_URL holds (in any case), for testSpelled: the module's bit set rules most
 * modules out before TOKEN_URL runs. A new alternative of TOKEN_URL needs its word here (spelledWords.test.ts).
 */
export const TOKEN_URL_WORDS: readonly string[] = ['token', 'grant_type'];

/** The text a call's arguments spell (a URL literal or template, a body naming `grant_type`). */
export function spelled(ctx: ModuleContext, call: Node): string {
  return (call.arguments as Node[]).map((a) => ctx.source.slice(a.start, a.end)).join(' ');
}

/**
 * Is `call` a fetch (or `post`/`request`) of a token endpoint, by its URL (followed through a `const`) or its body?
 * @example
 * tokenRequest(ctx, call) // true for `fetch(TOKEN_ENDPOINT, { body: new URLSearchParams({ grant_type }) })`
 */
export function tokenRequest(ctx: ModuleContext, call: Node): boolean {
  if (!/^(fetch|post|request)$/.test(calleeName(call) ?? '')) return false;
  const first = unwrap((call.arguments as Node[])[0]);
  const url = first?.type === 'Identifier' ? ctx.valueOf(first) : first;
  return TOKEN_URL.test(
    `${url === undefined ? '' : ctx.source.slice(url.start, url.end)} ${spelled(ctx, call)}`,
  );
}
