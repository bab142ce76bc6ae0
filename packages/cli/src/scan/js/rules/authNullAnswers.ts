// What an infra-error-as-auth null flow (authNullFlow.ts) ends in: a branch that answers a deny (a decision
// with `allowed: false`, a 401/403) or answers nothing, which the caller reads as a no.
import { type Node, propertyName, someDescendant, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

import { answersAuthFailure, isFalsyValue } from './authFacts.js';

/** The fields an authorisation or gateway decision says no with: `{ allowed: false, reason }`. */
const DECISION_FIELD = /^(allowed|isAllowed|permitted|granted|authori[sz]ed|isAuthori[sz]ed)$/;

/** A returned object whose decision field is `false`: an authorisation answer that is not a status. */
function isDenyDecision(node: Node | null | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'ObjectExpression') return false;
  return (n.properties as Node[]).some((p) => {
    const key = p.type === 'Property' ? propertyName(p.key, p.computed as boolean) : undefined;
    const value = unwrap(p.value);
    return DECISION_FIELD.test(key ?? '') && value?.type === 'Literal' && value.value === false;
  });
}

/** The deny a branch answers: a decision with `allowed: false`, or a 401/403 (Deny, Unauthorized). */
export function denies(ctx: ModuleContext, branch: Node): boolean {
  // Wrapped: `if (!x) return { allowed: false }` has the return itself as its branch.
  const whole = wrap(branch);
  const found = someDescendant(
    whole,
    (n) => n.type === 'ReturnStatement' && isDenyDecision(n.argument),
    true,
  );
  return found || answersAuthFailure(whole, ctx) !== undefined;
}

/** Does a branch answer nothing (`return null`, `return;`): the caller reads the failure as a no. */
export function answersMissing(branch: Node): boolean {
  const only = branch.type === 'BlockStatement' ? (branch.body as Node[])[0] : branch;
  return only?.type === 'ReturnStatement' && isFalsyValue(only.argument);
}
