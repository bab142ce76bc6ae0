// swallowed-error: words of a decision comment that the English best-effort list (catchFacts.ts
// BEST_EFFORT) does not hold. Teams write the same decision
// in their own language ("Non re-throw: DLQ failure non deve bloccare il batch", "メインの処理フローを止めない"),
// or in English words the list lacked: going on "silently", ignoring the one expected kind of failure
// ("ignore duplicates"). Each language holds a small closed list of the most common phrasings of "must not
// block", "do not rethrow", "ignore the error", "not critical" and "best effort": not a translation, so a
// decision in other words stays unread. Every phrase is read through catchDecisionWords.ts decidedIn: a
// clause with a negation or TODO besides the phrase's own words, a question or an account of what went
// wrong decides nothing. Where they are read (catchComments.ts): inside the catch, after it on its closing
// line, and in the try's own leading comment, not in the lines further up nor a function's doc comment.
import { decidedIn } from './catchDecisionWords.js';

/**
 * English phrasings BEST_EFFORT lacks: falling back to another answer ("Fall back to an empty result"), going on
 * silently by decision, ignoring an expected kind of error.
 */
const ENGLISH_MORE =
  /\bfall(?:s|ing)?[- ]?back (?:to|on)\b|\b(?:fall(?:s|ing)? (?:through|back)|continu(?:e|es|ing)|proceed(?:s|ing)?|skip(?:s|ping)?|ignor(?:e|es|ing)|return(?:s|ing)?(?: \w+)?) silently\b|\bsilently (?:ignor|continu|skip|fall|proceed)\w*|\bignor(?:e|es|ing)(?: the| any)? (?:duplicates?|duplicate[- ]key(?: errors?)?|conflicts?|already[- ]exists)\b/i;

/**
 * The same decisions in the most common other languages of the corpus: Italian, Spanish, Portuguese,
 * French, German, Japanese and Chinese. "must not block/fail/stop", "do not rethrow", "ignore the error",
 * "not critical/non-blocking", "best effort", "even if it fails".
 */
const OTHER_LANGUAGES = new RegExp(
  [
    // Italian
    "\\bnon (?:deve|devono|dovrebbe) (?:bloccare|fallire|interrompere|fermare)\\b|\\bnon (?:re-?throw|rilanciare|rilanciamo|bloccare|bloccante|(?:[èe] )?critic[oa]|fatale)\\b|\\bignora(?:re|to|ndo|mo)? (?:l['’]|gli )?error[ei]\\b",
    // Spanish, Portuguese
    '\\bno (?:debe|deber[ií]a|debemos) (?:bloquear|fallar|detener|interrumpir)\\b|\\bno (?:relanzar|lanzar|bloquear|bloqueante|es cr[ií]tico)\\b|\\bn[aã]o (?:deve|devemos|deveria) (?:bloquear|falhar|parar|interromper)\\b|\\bn[aã]o (?:relan[cç]ar|lan[cç]ar|bloquear|bloqueante|[eé] cr[ií]tico)\\b|\\bignor(?:ar|amos|a) (?:el |los |o |os )?erro(?:r|res|s)?\\b',
    // French
    "\\bne (?:doit|doivent|faut) pas (?:bloquer|[ée]chouer|interrompre|arr[eê]ter)\\b|\\bne pas (?:relancer|propager|bloquer|[ée]chouer)\\b|\\bnon[- ](?:bloquant|critique)\\b|\\bignor(?:er|ons|e) (?:l['’]|les )?erreurs?\\b",
    // German
    '\\bnicht (?:blockieren|abbrechen|werfen|weiterwerfen|kritisch)\\b|\\bunkritisch\\b|\\bfehler (?:ignorieren|ignoriert)\\b',
    // Japanese, Chinese
    '止めない|止めず|ブロックしない|無視する|無視して|ベストエフォート|致命的ではない|失敗しても|不影响|不阻塞|忽略错误|忽略异常|不抛出|尽力而为|非关键|即使失败',
  ].join('|'),
  'i',
);

/**
 * Does the comment text state a decision in words BEST_EFFORT lacks (above), in a clause with no negation,
 * TODO, question or account of what went wrong besides them?
 *
 * @example
 * moreDecisionWords('// Fall through silently — return whatever is in the DB') // true
 * moreDecisionWords('// Non re-throw: DLQ failure non deve bloccare il batch') // true
 * moreDecisionWords('// TODO: do not fail silently') // false
 * moreDecisionWords('// No ignorar errores: el pago se pierde') // false
 */
export function moreDecisionWords(text: string): boolean {
  return decidedIn(text, OTHER_LANGUAGES) || decidedIn(text, ENGLISH_MORE);
}
