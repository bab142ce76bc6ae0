// infra-error-as-auth for a token exchange with an identity provider (a refresh-token grant, a code
// exchange): `if (!response.ok) return { statusCode: 400, body: 'Refresh token is invalid' }` after a fetch
// of its token endpoint answers every non-2xx, a 5xx, a 429 or a bad API key of the service's own, as the
// client's bad token. During the provider's outage clients discard good refresh tokens and log users out.
import { calleeName, forEachDescendant, type Node, numberValue, propertyName, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

import { answersAuthFailure } from './authFacts.js';
import type { Report } from './Report.js';
import { spelled, TOKEN_URL, TOKEN_URL_WORDS, tokenRequest } from './tokenEndpoint.js';

/** A message telling the client its token or credentials are bad. */
const BAD_TOKEN =
  /\b(token|credential|grant|refresh)s?\b[^.]{0,30}\b(invalid|expired|revoked|bad|wrong)\b|\b(invalid|expired|revoked|bad|wrong)\b[^.]{0,20}\b(token|credential|grant)s?\b/i;
/** A message saying the exchange itself failed (`Failed to exchange authorization code for tokens`). */
const EXCHANGE_FAILED = /\bfail\w*\b[^.]{0,20}\bexchange\b|\bexchange\b[^.]{0,20}\bfail/i;
const CLIENT_STATUS = new Set([400, 401, 403]);
/** Response builders taking the status first: `reply.status(400)`, `ctx.code(400)`, `res.sendStatus(400)`. */
const STATUS_CALL = /^(status|code|sendStatus)$/;

/** `const response = await fetch(tokenUrl, ...)`: the name the token endpoint's answer is kept in. */
function exchangeAnswers(ctx: ModuleContext): Map<string, Node> {
  const names = new Map<string, Node>();
  for (const call of ctx.of('CallExpression')) {
    if (!tokenRequest(ctx, call)) continue;
    const { parent } = ctx.climb(
      call,
      (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression',
    );
    if (parent?.type === 'VariableDeclarator' && parent.id?.type === 'Identifier')
      names.set(parent.id.name as string, call);
  }
  return names;
}

/** `!response.ok`, `response.status !== 200`: any failure takes the branch. */
function notOk(test: Node | undefined, names: ReadonlyMap<string, Node>): boolean {
  const t = unwrap(test);
  const member =
    t?.type === 'UnaryExpression' && t.operator === '!'
      ? unwrap(t.argument)
      : t?.type === 'BinaryExpression' && (t.operator === '!==' || t.operator === '!=')
        ? unwrap(t.left)
        : undefined;
  if (member?.type !== 'MemberExpression') return false;
  const field = propertyName(member.property, member.computed as boolean);
  const okTest =
    t?.type === 'UnaryExpression'
      ? field === 'ok'
      : /^(status|statusCode)$/.test(field ?? '') && numberValue(unwrap(t?.right)) === 200;
  return okTest && names.has((unwrap(member.object)?.name as string) ?? '');
}

/** Calls that carry the answer's body after its status: `reply.status(400).send(...)`, `res.status(400).json(...)`. */
const BODY_CALL = /^(send|json|end|write)$/;

/**
 * The text of what `status(...)` answers with: the arguments of the send/json chained to it, and nothing
 * else of the branch (a comment or a log line beside it says nothing of the answer).
 */
function chainedMessage(ctx: ModuleContext, statusCall: Node): string {
  const member = ctx.parentOf(statusCall);
  const call = member?.type === 'MemberExpression' ? ctx.parentOf(member) : undefined;
  if (call?.type !== 'CallExpression' || call.callee !== member || !BODY_CALL.test(calleeName(call) ?? ''))
    return '';
  return spelled(ctx, call);
}

/**
 * A branch telling the client its token is bad: 401/403, or a 400 whose message says the token is invalid
 * (or, set through a status call, whose chained send/json says the exchange failed).
 */
function answersBadToken(ctx: ModuleContext, branch: Node): boolean {
  if (answersAuthFailure(wrap(branch), ctx) !== undefined) return true;
  let found = false;
  forEachDescendant(
    wrap(branch),
    (n) => {
      // `reply.status(400).send({ message: 'Failed to exchange the code' })`: a 400 told of the exchange.
      if (n.type === 'CallExpression' && STATUS_CALL.test(calleeName(n) ?? '')) {
        if (CLIENT_STATUS.has(numberValue(unwrap((n.arguments as Node[])[0])) ?? 0)) {
          const text = chainedMessage(ctx, n);
          found = BAD_TOKEN.test(text) || EXCHANGE_FAILED.test(text);
        }
        return !found;
      }
      if (n.type !== 'ObjectExpression') return !found;
      const props = n.properties as Node[];
      const status = props.find((p) => /^(statusCode|status)$/.test(propertyName(p.key) ?? ''));
      if (status !== undefined && CLIENT_STATUS.has(numberValue(unwrap(status.value)) ?? 0))
        found = BAD_TOKEN.test(ctx.source.slice(n.start, n.end));
      return !found;
    },
    true,
  );
  return found;
}

/**
 * Reports the `if` that answers every non-2xx of a token endpoint as the client's bad token.
 * @example
 * tokenExchangeRules(ctx, report) // at `if (!res.ok) return { statusCode: 401 }` after a POST to a token endpoint
 */
export function tokenExchangeRules(ctx: ModuleContext, report: Report): void {
  if (!/\.ok\b|status/.test(ctx.source) || !ctx.testSpelled(TOKEN_URL, TOKEN_URL_WORDS)) return;
  const names = exchangeAnswers(ctx);
  if (names.size === 0) return;
  forEachDescendant(ctx.program, (n) => {
    if (n.type !== 'IfStatement' || !notOk(n.test, names)) return true;
    if (answersBadToken(ctx, n.consequent as Node))
      report(
        'infra-error-as-auth',
        n,
        'every non-2xx of the token endpoint (a 5xx, a 429, a bad key of the service) is answered as an invalid token: during the provider’s outage clients discard good tokens',
      );
    return true;
  });
}
