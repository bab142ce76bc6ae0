// swallowed-error: a function whose doc comment states its failure contract ("Always resolves", "Does not
// throw; failures are logged", "Returns false on any error ... fail-open") has decided that its catch ends
// the failure there: the callers were told, and the answer the catch gives is the one the doc promises.
// Only such contract words are read there, not the general best-effort vocabulary: a doc's "optional" or
// "even if" may be about a parameter (catchFacts.ts saysWhy reads that vocabulary for log-only catches).
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { clauses } from './catchDecisionWords.js';

/**
 * The contract phrasings: the function never fails its caller (it "always resolves", "never rejects",
 * "does not throw"), or fails open or best effort on purpose.
 */
export const DOC_CONTRACT =
  /\balways resolves\b|\bnever (?:rejects|throws)\b|\b(?:does not|doesn'?t|will not|won'?t|should not|must not) (?:throw|reject)\b|\bfail(?:s|ing)?[- ]open\b|\bbest[- ]effort\b|\bnon[- ](?:critical|blocking|fatal)\b/i;

/** The doc comment (`/** ... *\/`, directly above) of the statement or member declaring the function around `node`. */
export function docCommentOf(ctx: ModuleContext, node: Node): string {
  const fn = ctx.enclosingFunction(node);
  if (fn === undefined) return '';
  let at: Node = fn;
  for (
    let p = ctx.parentOf(fn);
    p !== undefined && !/^(Program|BlockStatement|ClassBody)$/.test(p.type);
    p = ctx.parentOf(p)
  )
    at = p;
  const before = ctx.source.slice(Math.max(0, at.start - 800), at.start).trimEnd();
  return before.endsWith('*/') ? before.slice(before.lastIndexOf('/*')) : '';
}

/**
 * A clause states the contract when the phrase is not itself negated or put off: "TODO", a question, or a
 * "not"/"no" right before it ("not best effort") undo it. The rest of the clause may give the reason in
 * negative words ("so an outage never blocks a request"): unlike a catch's comment, a doc's clause is read
 * around its phrase only.
 */
function statesContract(clause: string): boolean {
  const m = DOC_CONTRACT.exec(clause);
  if (m === null || /\b(?:TODO|FIXME|XXX)\b/.test(clause) || /\?\s*$/.test(clause)) return false;
  return !/\b(?:not|no|never)\s+(?:\w+\s+)?$|n't\s+(?:\w+\s+)?$/i.test(clause.slice(0, m.index));
}

/**
 * Does the doc comment of the function around the try state the failure contract its catch keeps?
 *
 * @example
 * docStatesContract(ctx, tryStatement) // true under `/** Always resolves; does not reveal whether the email exists. *\/`
 */
export function docStatesContract(ctx: ModuleContext, tryStatement: Node): boolean {
  const doc = docCommentOf(ctx, tryStatement);
  return doc !== '' && clauses(doc.replace(/^\s*\*+/gm, ' ')).some(statesContract);
}
