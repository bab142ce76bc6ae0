// `bulwark-ignore <rule>[, <rule>]: <reason>` in any comment style (//, #, /* */). On a line of its
// own it silences the next line; after code it silences its own line.
import type { Candidate, IgnoreDirective } from './js/Candidate.js';

const DIRECTIVE =
  /bulwark-ignore(?:-next-line)?\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*(?::\s*(.*?))?\s*(?:\*\/)?\s*$/;

/**
 * The directives of a text. `spells` is the text's word test: a JS module passes its ctx.spells, which rules
 * the word out through the module's bit set rather than a search of the whole text.
 * @example
 * ignoreDirectives(source, (w) => ctx.spells(w)) // [] without a search when the module lacks the word
 */
export function ignoreDirectives(
  source: string,
  spells: (word: string) => boolean = (w) => source.includes(w),
): IgnoreDirective[] {
  if (!spells('bulwark-ignore')) return [];
  const out: IgnoreDirective[] = [];
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const at = line.indexOf('bulwark-ignore');
    if (at === -1) continue;
    const m = DIRECTIVE.exec(line.slice(at));
    if (m === null) continue;
    const before = line.slice(0, at).trim();
    const standalone = /^(\/\/|#|\/\*|\*)?\s*$/.test(before) || /^(\/\/|#|\/\*)\s*$/.test(before);
    out.push({
      line: standalone ? i + 2 : i + 1,
      rules: (m[1] as string).split(',').map((r) => r.trim()),
      reason: (m[2] ?? '').trim(),
    });
  }
  return out;
}

/**
 * The directive that silences a candidate: on its line, or on a line the finding was moved from (a batch
 * failure reported at its `if` is still silenced by an ignore comment at its send, `ignoredAlsoAt`).
 * @example
 * ignoredBy(directives, candidate)?.reason; // 'handled by the DLQ consumer'
 */
export function ignoredBy(
  directives: readonly IgnoreDirective[] | undefined,
  c: Candidate,
): IgnoreDirective | undefined {
  return directives?.find(
    (d) =>
      (d.line === c.line || c.ignoredAlsoAt?.includes(d.line) === true) &&
      (d.rules.includes(c.rule) || d.rules.includes('all')),
  );
}
