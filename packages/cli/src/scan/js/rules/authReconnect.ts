// infra-error-as-auth for a failed token refresh told to the user as a lost grant: `try { access = await
// refreshAccess(refreshToken) } catch { throw new Error('Access revoked. Please reconnect your account') }`.
// The refresh is a request to the provider's token endpoint; its 5xx, a timeout or a throttled client
// fail it as surely as a revoked grant, and the user is sent to reconnect an account that is fine (a
// worker that reads the message marks the connection broken). Judged by what the try does (a fetch of a
// token endpoint, in the try or in a function of the module it awaits) and what the catch says (revoked,
// reconnect, sign in again), not by the names of either.
import { type Node, someDescendant, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { discriminates } from './authFacts.js';
import type { Report } from './Report.js';
import { TOKEN_URL, TOKEN_URL_WORDS, tokenRequest } from './tokenEndpoint.js';

/** A message sending the user to grant access again. */
export const RECONNECT =
  /\b(reconnect|re-?connect your|re-?authori[sz]e|re-?authenticate|sign in again|log ?in again|access (was |has been )?revoked)\b/i;
/**
 * A word every match of RECONNECT holds: the module's bit set rules most modules out. A new alternative of
 * RECONNECT needs its word here (spelledWords.test.ts).
 */
export const RECONNECT_WORDS: readonly string[] = ['connect', 'authori', 'authenticate', 'again', 'revoked'];

/** Does `block` request a token endpoint, itself or through a function of the module it calls? */
function refreshesToken(ctx: ModuleContext, block: Node, depth = 0): boolean {
  return someDescendant(
    block,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      if (tokenRequest(ctx, n)) return true;
      const local = depth < 2 ? ctx.functionOf(n.callee as Node) : undefined;
      return local !== undefined && refreshesToken(ctx, local.body as Node, depth + 1);
    },
    true,
  );
}

/** The message a catch throws or returns, when it sends the user to reconnect. */
function reconnectAnswer(body: Node): Node | undefined {
  let found: Node | undefined;
  someDescendant(
    body,
    (n) => {
      if (n.type !== 'ThrowStatement' && n.type !== 'ReturnStatement') return false;
      const arg = unwrap(n.argument as Node | undefined);
      const message =
        arg?.type === 'NewExpression' || arg?.type === 'CallExpression' ? (arg.arguments as Node[])[0] : arg;
      if (RECONNECT.test(stringValue(unwrap(message)) ?? '')) found = n;
      return found !== undefined;
    },
    true,
  );
  return found;
}

/**
 * Reports the catch around a token refresh that answers every failure "reconnect your account".
 * @example
 * reconnectRules(ctx, report) // at `catch { throw new Error('Access revoked. Please reconnect') }`
 */
export function reconnectRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.testSpelled(RECONNECT, RECONNECT_WORDS) || !ctx.testSpelled(TOKEN_URL, TOKEN_URL_WORDS)) return;
  for (const handler of ctx.of('CatchClause')) {
    if (reconnectAnswer(handler.body as Node) === undefined || discriminates(handler)) continue;
    const tryStatement = ctx.parentOf(handler) as Node;
    if (!refreshesToken(ctx, tryStatement.block as Node)) continue;
    report(
      'infra-error-as-auth',
      handler,
      'any failure of the token refresh (the provider’s 5xx, a timeout) is answered as a revoked grant: the user is sent to reconnect an account that is fine',
    );
  }
}
