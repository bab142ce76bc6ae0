// One defect, one finding: an un-awaited call ending in `.catch(() => {})` (or `.catch(noop)`) is reported
// by floating-promise at the call and by swallowed-error at its `.catch(`. The fix is one (await the call,
// or hand it to the handler's answer); readers label it floating-promise, since the empty catch is what a
// fire-and-forget call is written with. So the swallowed-error at the same chain is dropped.

/** The fields of a finding (or a draft of one) this module compares. */
interface Placed {
  readonly rule: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

// promiseCatch.ts's messages for a catch that answers nothing: the ones a floating call is written with.
const EMPTY_CATCH = /^\.catch(\(\) discards the rejection|\(noop\) discards the rejection)/;

/**
 * The findings less each empty-catch swallowed-error whose chain floating-promise reports: same file and
 * line, the floating call starting before the `.catch(` (so the catch ends the reported call's chain).
 * @example
 * withoutDoubleReports(drafts) // drops swallowed-error at `.catch` in `save(x).catch(() => {});`
 */
export function withoutDoubleReports<T extends Placed>(findings: readonly T[]): T[] {
  const floating = new Map<string, number[]>();
  for (const f of findings) {
    if (f.rule !== 'floating-promise') continue;
    const key = `${f.file}:${f.line}`;
    floating.set(key, [...(floating.get(key) ?? []), f.column]);
  }
  if (floating.size === 0) return [...findings];
  return findings.filter(
    (f) =>
      f.rule !== 'swallowed-error' ||
      !EMPTY_CATCH.test(f.message) ||
      !(floating.get(`${f.file}:${f.line}`) ?? []).some((column) => column < f.column),
  );
}
