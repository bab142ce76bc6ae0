// swallowed-error: words of a decision comment that the English best-effort list (catchFacts.ts
// BEST_EFFORT) does not hold, and the one comment position it did not read. Teams write the same decision
// in their own language ("Non re-throw: DLQ failure non deve bloccare il batch", "メインの処理フローを止めない"),
// or in English words the list lacked: going on "silently", ignoring the one expected kind of failure
// ("ignore duplicates"). A comment placed after the catch on its closing line (`} catch {} // non-fatal:
// the sweep will fix it`) belongs to the catch as much as one inside it. Each language holds a small closed
// list of the most common phrasings of "must not block", "do not rethrow", "ignore the error", "not
// critical" and "best effort": not a translation, so a decision in other words stays unread.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** English phrasings BEST_EFFORT lacks: going on silently by decision, ignoring an expected kind of error. */
const ENGLISH_MORE =
  /\b(?:fall(?:s|ing)? (?:through|back)|continu(?:e|es|ing)|proceed(?:s|ing)?|skip(?:s|ping)?|ignor(?:e|es|ing)|return(?:s|ing)?(?: \w+)?) silently\b|\bsilently (?:ignor|continu|skip|fall|proceed)\w*|\bignor(?:e|es|ing)(?: the| any)? (?:duplicates?|duplicate[- ]key(?: errors?)?|conflicts?|already[- ]exists)\b/i;

/** A negation or a note of work left in the same clause: "TODO: don't fail silently". */
const UNDECIDED = /\b(?:TODO|FIXME|XXX|not|never)\b|n't\b/i;

/**
 * The same decisions in the most common other languages of the corpus: Italian, Spanish, Portuguese,
 * French, German, Japanese and Chinese. "must not block/fail/stop", "do not rethrow", "ignore the error",
 * "not critical/non-blocking", "best effort", "even if it fails".
 */
const OTHER_LANGUAGES = new RegExp(
  [
    // Italian
    "\\bnon (?:deve|devono|dovrebbe) (?:bloccare|fallire|interrompere|fermare)\\b|\\bnon (?:re-?throw|rilanciare|rilanciamo|bloccare|bloccante|critic[oa]|fatale)\\b|\\bignora(?:re|to|ndo|mo)? (?:l'|gli )?error[ei]\\b",
    // Spanish, Portuguese
    '\\bno (?:debe|deber[ií]a|debemos) (?:bloquear|fallar|detener|interrumpir)\\b|\\bno (?:relanzar|lanzar|bloquear|bloqueante|es cr[ií]tico)\\b|\\bn[aã]o (?:deve|devemos|deveria) (?:bloquear|falhar|parar|interromper)\\b|\\bn[aã]o (?:relan[cç]ar|lan[cç]ar|bloquear|bloqueante|[eé] cr[ií]tico)\\b|\\bignor(?:ar|amos|a) (?:el |los |o |os )?erro(?:r|res|s)?\\b',
    // French
    "\\bne (?:doit|doivent|faut) pas (?:bloquer|[ée]chouer|interrompre|arr[eê]ter)\\b|\\bne pas (?:relancer|propager|bloquer|[ée]chouer)\\b|\\bnon[- ](?:bloquant|critique)\\b|\\bignor(?:er|ons|e) (?:l'|les )?erreurs?\\b",
    // German
    '\\bnicht (?:blockieren|abbrechen|werfen|weiterwerfen|kritisch)\\b|\\bunkritisch\\b|\\bfehler (?:ignorieren|ignoriert)\\b',
    // Japanese, Chinese
    '止めない|止めず|ブロックしない|無視する|無視して|ベストエフォート|致命的ではない|失敗しても|不影响|不阻塞|忽略错误|忽略异常|不抛出|尽力而为|非关键|即使失败',
  ].join('|'),
  'i',
);

/**
 * Does the comment text state a decision in words BEST_EFFORT lacks (above)? English ones only in a clause
 * with no negation or TODO.
 *
 * @example
 * moreDecisionWords('// Fall through silently — return whatever is in the DB') // true
 * moreDecisionWords('// Non re-throw: DLQ failure non deve bloccare il batch') // true
 * moreDecisionWords('// TODO: do not fail silently') // false
 */
export function moreDecisionWords(text: string): boolean {
  if (OTHER_LANGUAGES.test(text)) return true;
  return text
    .split(/\/\/|\/\*|\*\/|[.;!?\n—]/)
    .some((clause) => ENGLISH_MORE.test(clause) && !UNDECIDED.test(clause));
}

/**
 * A catch run once per item goes on to the next one by decision: "Continue with next target", "skip this
 * eventId", and the same in the other languages ("skippa questo eventId", "salta questo", "weiter mit dem
 * nächsten"). Read only for a catch that only logs in a per-item loop or callback (catchDecisionWords.ts).
 */
export const GOES_ON_TO_NEXT =
  /\b(?:continue|move on|go on|carry on|proceed)(?: with| to| on to)? (?:the )?next\b|\bskip (?:this|the|that) (?:one|item|record|entry|event|message|target|\w+Id)\b|\b(?:skippa|salta|saltare) (?:questo|questa|quest')|\b(?:saltar|omitir|omite|pular|pula) (?:este|esta)\b|\bcontinuar con (?:el|la) siguiente\b|\bcontinuar com o pr[oó]ximo\b|\bpasse[rz]? (?:au|à la) suivante?\b|\bweiter mit (?:dem|der) n[aä]chsten\b|次へ|スキップ|跳过/i;

/**
 * The comments after `node` on the line where it ends, up to that line's end: `} catch {} // non-fatal`,
 * `.catch(() => {})  // ignore duplicates`.
 */
export function trailingComments(ctx: ModuleContext, node: Node): string {
  const end = node.end as number;
  const eol = ctx.source.indexOf('\n', end);
  const rest = ctx.source.slice(end, eol === -1 ? undefined : eol);
  const at = rest.search(/\/[/*]/);
  // Only closing punctuation may stand between the node and the comment.
  return at !== -1 && /^[\s);,]*$/.test(rest.slice(0, at)) ? rest.slice(at) : '';
}
