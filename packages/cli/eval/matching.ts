// How a place someone points at (a scan finding, or a second reader's positive) is matched to a labelled
// positive: the same rule and file, within a few lines, each label used once. `npm run scan:eval` and
// `npm run scan:agreement` both score through it, so the agreement ceiling and the scan's figures are
// measured with the same ruler.
import type { Label } from './labelFile.js';

/** A place pointed at: where and under which rule. */
export interface Place {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

/** The outcome of matching places to labels: which label each matched place took, and what stayed alone. */
export interface Matching<P extends Place> {
  readonly matched: ReadonlyMap<P, Label>;
  readonly unmatchedPlaces: P[];
  readonly unmatchedPositives: Label[];
}

/** Whether a label sits at a place: same rule, same file, lines at most `slack` apart. */
export const near = (l: Label, p: Place, slack: number): boolean =>
  l.rule === p.rule && l.file === p.file && Math.abs(l.line - p.line) <= slack;

/**
 * Greedy, in the places' order: each place takes the first positive label near it that no earlier place
 * took. Traps (`-` labels) never match; ask {@link trapAt} to explain an unmatched place.
 * @example
 * const m = matchPlaces(findings, labels, 2);
 * const precision = m.matched.size / findings.length;
 */
export function matchPlaces<P extends Place>(
  places: readonly P[],
  labels: readonly Label[],
  slack: number,
): Matching<P> {
  const positives = labels.filter((l) => l.kind === '+');
  const used = new Set<Label>();
  const matched = new Map<P, Label>();
  const unmatchedPlaces: P[] = [];
  for (const p of places) {
    const hit = positives.find((l) => !used.has(l) && near(l, p, slack));
    if (hit === undefined) unmatchedPlaces.push(p);
    else {
      used.add(hit);
      matched.set(p, hit);
    }
  }
  return { matched, unmatchedPlaces, unmatchedPositives: positives.filter((l) => !used.has(l)) };
}

/**
 * The trap a reader wrote at a place, if any: why an unmatched finding is a documented false alarm.
 * @example
 * trapAt(labels, { file: 'src/a.ts', line: 12, rule: 'swallowed-error' }, 2)?.why;
 */
export const trapAt = (labels: readonly Label[], p: Place, slack: number): Label | undefined =>
  labels.find((l) => l.kind === '-' && near(l, p, slack));
