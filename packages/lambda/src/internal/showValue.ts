// How a bad event (or part of one) is quoted in a TypeError: as JSON, cut at 120 characters, so a
// wrongly wired trigger is recognisable in the log without dumping a whole payload.

export function showValue(value: unknown): string {
  try {
    // undefined, a function or a symbol has no JSON text (stringify returns undefined, so `.length` throws):
    // the catch names its type, as it does for a BigInt or a cycle.
    const text = JSON.stringify(value);
    return text.length > 120 ? `${text.slice(0, 120)}...` : text;
  } catch {
    return typeof value;
  }
}
