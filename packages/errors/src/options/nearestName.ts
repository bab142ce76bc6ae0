// "did you mean" for option keys: an edit distance small enough to be a typo, or the same word in
// another case or with a different separator (`retries` for `retry`, `attempt_ms` for `attemptMs`).

/**
 * The candidate closest to a mistyped name, or `undefined` when none is close enough to be a typo.
 *
 * @example
 * ```ts
 * import { nearestName } from '@bulwark/errors';
 * nearestName('retries', ['retry', 'timeout']); // 'retry'
 * nearestName('colour', ['retry', 'timeout']); // undefined
 * ```
 */
export function nearestName(input: string, candidates: readonly string[]): string | undefined {
  const wanted = fold(input);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const folded = fold(candidate);
    if (folded === wanted) return candidate;
    let score = distance(wanted, folded);
    // A prefix or a word inside the other (`timeoutMs` for `timeout`) is a likely slip.
    if (folded.length >= 4 && wanted.length >= 4 && (folded.includes(wanted) || wanted.includes(folded))) {
      score = Math.min(score, 1.5);
    }
    // So is another inflection of the same word (`retries` for `retry`): a long shared stem.
    const stem = commonPrefix(folded, wanted);
    if (stem >= 4 && stem >= 0.75 * Math.min(folded.length, wanted.length)) score = Math.min(score, 1.75);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return bestScore <= limit ? best : undefined;
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

// Levenshtein with a cap: option names are short, and a long input is never a typo of one.
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 8 || a.length > 64 || b.length > 64) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}
