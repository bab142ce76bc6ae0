// swallowed-error: decisions a comment states only from inside a catch that only logs (bestEffortCatch.ts)
// or an inline `.catch` callback that only logs (chainDecision.ts callbackSaysWhy). Besides the general
// best-effort vocabulary (catchFacts.ts BEST_EFFORT), a team writes down three more reasons for letting a
// failure go: the answer must not tell whether an account exists ("to prevent email enumeration") around a
// send or lookup, not around the account's own write; a sweep said to retry, resend or pick up the work, or
// a clean-up later ("files can be cleaned up later"); and, in a catch run once per item, going on "rather
// than stopping the whole run". Read elsewhere (above a try, in a doc comment, beside a neighbour's
// statement, in a catch that answers a default or a 2xx) these words may be about something else.
import { calleeName, lastName, type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { perItem } from './jobItems.js';

/** Anti-enumeration: "prevent/avoid ... enumeration", "not reveal whether the user exists". */
const NO_ENUMERATION =
  /\b(?:prevent|avoid)\w*\b[^.;\n]{0,40}?\benumeration\b|(?:\bnot|n't|\bnever) (?:to )?(?:reveal|leak|disclose|expose)\w* (?:whether|if) (?:the |an? )?(?:user|account|email|e-mail|address|username)(?: \w+)? (?:exists|is registered)\b/i;

/** A sweep said to redo the work ("the minute sweep will retry this send", "retried by the sweep"). */
const SWEEP_REDOES =
  /\b(?:sweep|sweeper)s?\b[^.;\n]{0,40}?\b(?:retr(?:y|ies|ied)|re-?sends?|re-?enqueues?|pick(?:s|ed)? (?:\w+ )?up|\w+s (?:it|them|this|the \w+) again)\b|\b(?:retried|re-?sent|re-?enqueued|picked up) by (?:the |a )?(?:\w+ )?(?:sweep|sweeper)\b/i;

/** A clean-up later: "files can be cleaned up later". */
const CLEANED_LATER = /\bclean(?:ed)?[- ]?up (?:later|eventually)\b/i;

/**
 * A note of work left or a negation in the same clause, in English or the other languages read
 * (decisionPhrases.ts): "TODO: clean up later", "never cleaned up later", "No ignorar errores", "不要忽略错误".
 */
const NOT_DECIDED =
  /\b(?:TODO|FIXME|XXX|not|never|no|nothing|nobody|non(?!-)|n[aã]o|nicht|kein\w*|nunca|jamais|mai)\b|n't\b|不要|不能|不应|不可|别|勿|禁止|しない|しません|ないで/i;

/** A clause that tells what went wrong rather than decides: "This used to fall through silently and lost orders". */
const WENT_WRONG =
  /\bused to\b|\b(?:was|were|got) (?:silently )?(?:lost|dropped|swallowed|ignored|skipped)\b|\band lost\b|\bbug\b|\bbroke\b/i;

/** The clauses of comment text, each with the mark that ends it: "ignore duplicates?" stays a question. */
export function clauses(text: string): string[] {
  return text.split(/\/\/|\/\*|\*\/|(?<=[.;!?\n—])/);
}

/**
 * Is a clause no decision even where `phrase` matches it: a negation or TODO outside the phrase's own words
 * (a phrase may hold its own "non", "no", "don't"), a question, or an account of what went wrong?
 */
export function undecided(clause: string, phrase?: RegExp): boolean {
  const rest = phrase === undefined ? clause : clause.replace(new RegExp(phrase.source, 'gi'), ' ');
  return NOT_DECIDED.test(rest) || /\?\s*$/.test(clause) || WENT_WRONG.test(clause);
}

/** Does a clause of the comment text say `phrase` as a decision (see undecided)? */
export function decidedIn(text: string, phrase: RegExp): boolean {
  return clauses(text).some((clause) => phrase.test(clause) && !undecided(clause, phrase));
}

/**
 * A catch run once per item goes on to the next one by decision: "Continue with next target", "skip this
 * eventId", and the same in the other languages ("skippa questo eventId", "salta questo", "weiter mit dem
 * nächsten"). Not "continue to the next step": a next step of the same run is no next item.
 */
export const GOES_ON_TO_NEXT =
  /\b(?:continue|move on|go on|carry on|proceed)(?: with| to| on to)? (?:the )?next\b(?! (?:step|stage|phase|part|section|page)\b)|\bskip (?:this|the|that) (?:one|item|record|entry|event|message|target|\w+Id)\b|\b(?:skippa|salta|saltare) (?:questo|questa|quest['’])|\b(?:saltar|omitir|omite|pular|pula) (?:este|esta)\b|\bcontinuar con (?:el|la) siguiente\b|\bcontinuar com o pr[oó]ximo\b|\bpasse[rz]? (?:au|à la) suivante?\b|\bweiter mit (?:dem|der) n[aä]chsten\b|次へ|スキップ|跳过/i;

/** The loop goes on by decision: "continue to the next feed rather than stopping the whole Lambda". */
const GOES_ON_INSTEAD = /\brather than (?:stop|abort|halt|crash)\w*/i;

/** A write of the account itself (a sign-up's put or insert): not a send or lookup whose answer reveals it. */
const ACCOUNT_WRITE =
  /^(?:Admin)?(?:put|insert|create|sign_?up|register|save|upsert|update|delete|transactWrite|batchWrite)/i;

/** Does a clause of the comments say the work is picked up later, with no TODO or negation in it? */
function pickedUpLater(comments: string): boolean {
  return clauses(comments).some(
    (clause) => (SWEEP_REDOES.test(clause) || CLEANED_LATER.test(clause)) && !undecided(clause),
  );
}

/** The work is a send or lookup: no call or command in it writes (puts, inserts, creates) the account. */
function noAccountWrite(work: Node): boolean {
  const writes = (n: Node) =>
    (n.type === 'CallExpression' && ACCOUNT_WRITE.test(calleeName(n) ?? '')) ||
    (n.type === 'NewExpression' && ACCOUNT_WRITE.test(lastName(n.callee as Node) ?? ''));
  return !writes(work) && !someDescendant(work, writes, true);
}

/**
 * Do the comments of a catch that only logs (or of a `.catch` callback that only logs) state one of these
 * decisions? `site` is the try statement or the `.catch` call, `work` the try block or the chain's call.
 *
 * @example
 * catchOnlyDecision(ctx, tryStatement, tryStatement.block, '// Still return success to prevent enumeration') // around a send: true
 * catchOnlyDecision(ctx, tryStatement, tryStatement.block, '// will be retried later') // false: no mechanism named
 */
export function catchOnlyDecision(ctx: ModuleContext, site: Node, work: Node, comments: string): boolean {
  if (pickedUpLater(comments)) return true;
  if (NO_ENUMERATION.test(comments) && noAccountWrite(work)) return true;
  return (GOES_ON_INSTEAD.test(comments) || decidedIn(comments, GOES_ON_TO_NEXT)) && perItem(ctx, site);
}

/** The comments of a piece of source (line and block), joined. */
export function commentText(text: string): string {
  return (text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? []).join(' ');
}
