// infra-error-as-auth through an error-message test: a catch that reads the verifier's message and maps
// "Error while resolving signing key for kid ..." (or a JWKS/key-set failure) to a token or auth error.
// Verifier libraries (okta-jwt-verifier over njwt, jwks-rsa wrappers) put every failure to fetch the key
// set, a timeout or an issuer 5xx included, under that message, so the mapping answers 401 for an outage.
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import { callsRemote } from './authRemote.js';
import type { Report } from './Report.js';

/** What a key-resolution failure's message says. */
const KEY_RESOLUTION = /signing key|jwks|key ?set|\bkid\b|public key/i;
const KEY_WORDS = ['key', 'jwks', 'kid'];
/** Errors that say the token (or its key) is the problem: a caller answers them 401. */
const TOKEN_ERROR = /(Token|Jwt|SigningKey|KeyNotFound|Unauthori[sz]ed|Authentication)\w*(Error|Exception)$/;

/** The literal in `test` that names a key-resolution failure, read off the caught error's message. */
function keyMessageTest(test: Node, param: string): Node | undefined {
  const readsMessage = someDescendant(
    { type: 'Test', start: test.start, end: test.end, test } as Node,
    (m) => m.type === 'MemberExpression' && memberPath(m)?.join('.') === `${param}.message`,
  );
  if (!readsMessage) return undefined;
  let literal: Node | undefined;
  someDescendant({ type: 'Test', start: test.start, end: test.end, test } as Node, (m) => {
    const text =
      m.type === 'Literal'
        ? String(m.regex?.pattern ?? m.value)
        : m.type === 'TemplateElement'
          ? m.value?.cooked
          : undefined;
    if (literal === undefined && typeof text === 'string' && KEY_RESOLUTION.test(text)) literal = m;
    return literal !== undefined;
  });
  return literal;
}

function answersTokenError(ctx: ModuleContext, branch: Node): boolean {
  if (answersAuthFailure(branch, ctx) !== undefined) return true;
  return someDescendant(
    branch,
    (m) =>
      m.type === 'ThrowStatement' &&
      unwrap(m.argument)?.type === 'NewExpression' &&
      TOKEN_ERROR.test(memberPath(unwrap(unwrap(m.argument)?.callee))?.at(-1) ?? ''),
    true,
  );
}

export function messageTestRules(ctx: ModuleContext, report: Report): void {
  // Without a catch clause there is nothing to judge: the whole-text test is skipped.
  if (ctx.of('CatchClause').length === 0 || !ctx.testSpelled(KEY_RESOLUTION, KEY_WORDS)) return;
  for (const handler of ctx.of('CatchClause')) {
    const param = handler.param?.type === 'Identifier' ? (handler.param.name as string) : undefined;
    if (param === undefined) continue;
    someDescendant(
      handler.body as Node,
      (n) => {
        if (n.type !== 'IfStatement') return false;
        const literal = keyMessageTest(n.test as Node, param);
        if (literal === undefined || !answersTokenError(ctx, n.consequent as Node)) return false;
        const remote = callsRemote(ctx, (ctx.parentOf(handler) as Node).block as Node);
        if (remote !== undefined)
          report(
            'infra-error-as-auth',
            literal,
            `the message test maps a failure to resolve the signing key (${remote}: a timeout or a 5xx of the key set included) to a token error answered 401: an outage of the issuer logs every user out`,
          );
        return false;
      },
      true,
    );
  }
}
