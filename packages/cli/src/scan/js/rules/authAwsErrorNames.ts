// infra-error-as-auth in an error mapper: `case 'AccessDeniedException': return respond(401)`. AWS answers
// these names when the *function's own* role or credentials are refused (an IAM or key-policy change, an
// expired or unknown access key, a bad SigV4 signature: the "common errors" of every AWS API reference),
// never because the end user's token was bad. Answering them 401/403 tells a valid user they are
// unauthorised while the service's permissions are broken. A name the module declares for its own error
// (`class AccessDeniedException`, `name = 'AccessDeniedException'`) is the project's, and is left alone.
import { type Node, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answersAuthFailure } from './authAnswers.js';
import type { Report } from './Report.js';

/** Errors AWS APIs answer when the caller's (the function's) credentials or permissions are refused. */
const AWS_CREDENTIAL_ERRORS = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'KMSAccessDeniedException',
  'AuthorizationErrorException',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'MissingAuthenticationToken',
]);

/** `error.name`, `err.code`, `e.__type`, `error.Code`: where the SDKs put an AWS error's name. */
function errorNameRead(node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || n.computed === true) return false;
  return /^(name|code|Code|__type)$/.test(n.property?.name ?? '');
}

/** Does the module declare this name for an error of its own? */
function ownName(source: string, name: string): boolean {
  return (
    source.includes(`class ${name}`) ||
    new RegExp(`name\\s*[=:]\\s*['"\`]${name}['"\`]`).test(source) ||
    new RegExp(`Error\\(\\s*['"\`]${name}['"\`]`).test(source)
  );
}

/**
 * @example
 * awsErrorNameRules(ctx, report) // switch (error.name) { case 'AccessDeniedException': return parseResponse(401) } -> at the case
 */
export function awsErrorNameRules(ctx: ModuleContext, report: Report): void {
  if (![...AWS_CREDENTIAL_ERRORS].some((name) => ctx.spells(name))) return;
  for (const literal of ctx.of('Literal')) {
    const name = typeof literal.value === 'string' ? literal.value : undefined;
    if (name === undefined || !AWS_CREDENTIAL_ERRORS.has(name) || ownName(ctx.source, name)) continue;
    const parent = ctx.parentOf(literal);
    let at: Node | undefined;
    let answer: Node | undefined;
    if (parent?.type === 'SwitchCase' && parent.test === literal) {
      const sw = ctx.parentOf(parent);
      if (sw?.type !== 'SwitchStatement' || !errorNameRead(sw.discriminant as Node)) continue;
      at = parent;
      answer = answersAuthFailure(
        wrap({
          type: 'BlockStatement',
          start: parent.start,
          end: parent.end,
          body: parent.consequent,
        } as Node),
        ctx,
      );
    } else if (
      parent?.type === 'BinaryExpression' &&
      (parent.operator === '===' || parent.operator === '==') &&
      errorNameRead(parent.left === literal ? parent.right : parent.left)
    ) {
      const test = ctx.parentOf(parent);
      if (test?.type !== 'IfStatement' || test.test !== parent) continue;
      at = test;
      answer = answersAuthFailure(test.consequent as Node, ctx);
    }
    if (at === undefined || answer === undefined) continue;
    report(
      'infra-error-as-auth',
      at,
      `${name} is AWS refusing the function's own role or credentials, not the user's token: answering it 401/403 tells valid users they are unauthorized while the service's permissions are broken`,
    );
  }
}
