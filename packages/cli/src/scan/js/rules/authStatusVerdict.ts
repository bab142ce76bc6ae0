// infra-error-as-auth through a status value: a verification helper answers `{ status: 'incorrect-token' }`
// (a discriminated result, the shape TypeScript code types as `status: 'success' | 'invalid-token' | ...`)
// from a catch-all around a remote verifier, and the caller `switch`es on the status and answers that case
// 401/403. The status string names a credential failure, so a JWKS outage reads as a bad token.
import { type Node, stringValue, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { answerAfter, answersAuthFailure } from './authAnswers.js';

/** The fields a discriminated result says what happened with. */
const STATUS_FIELD = /^(status|result|outcome|reason|kind|type|code)$/;
/** A status naming a failure of the credential itself, never of a system (`error`, `unavailable`). */
const DENIED_STATUS =
  /^(?!.*(error|unavailable|server|retry|timeout|internal|unknown))(.*(token|credential|unauthori[sz]ed|unauthenticated|forbidden|denied|invalid|incorrect|expired|signature).*)$/i;

/** `{ status: 'incorrect-token', userId: null }`: a result whose status names a credential failure. */
export function isDeniedStatusValue(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'ObjectExpression') return false;
  return (n.properties as Node[]).some((p) => {
    if (p.type !== 'Property' || p.computed === true) return false;
    const key = String(p.key?.name ?? p.key?.value ?? '');
    const value = stringValue(unwrap(p.value));
    return STATUS_FIELD.test(key) && value !== undefined && DENIED_STATUS.test(value);
  });
}

/** `name.status`: the status field of the result named `name`. */
function statusOf(node: Node | undefined, name: string): boolean {
  const n = unwrap(node);
  if (n?.type !== 'MemberExpression' || n.computed === true) return false;
  const object = unwrap(n.object);
  return object?.type === 'Identifier' && object.name === name && STATUS_FIELD.test(n.property?.name ?? '');
}

/**
 * `switch (resolution.status) { case 'incorrect-token': return 401 }` after `const resolution = await
 * verify(...)` in `fn`: the 401/403 a case naming a credential failure answers.
 */
export function deniedStatusCase(
  ctx: ModuleContext,
  fn: Node | undefined,
  declarator: Node,
  name: string,
): Node | undefined {
  return answerAfter(fn, declarator, 'SwitchStatement', (m) => {
    if (!statusOf(m.discriminant, name)) return undefined;
    for (const c of m.cases as Node[]) {
      const label = stringValue(unwrap(c.test));
      if (label === undefined || !DENIED_STATUS.test(label)) continue;
      for (const s of c.consequent as Node[]) {
        const answer = answersAuthFailure(wrap(s), ctx);
        if (answer !== undefined) return answer;
      }
    }
    return undefined;
  });
}
