// Thrown values are `unknown`. Powertools batch 2.35.0 reads `error.message` from whatever a record handler
// throws, so `throw undefined` would reject the whole batch: everything is made an Error before it gets there.

/** Wraps a thrown value that was not an Error; `value` keeps the original for logs. */
export class NonErrorThrown extends Error {
  override name = 'NonErrorThrown' as const;
  readonly value: unknown;

  constructor(value: unknown) {
    super(`A non-Error value was thrown: ${describe(value)}`);
    this.value = value;
  }
}

export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  // An Error from another realm (vm, worker) still has a string name and message.
  if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string' &&
    typeof (value as { name?: unknown }).name === 'string'
  ) {
    return Object.assign(new Error((value as { message: string }).message, { cause: value }), {
      name: (value as { name: string }).name,
    });
  }
  return new NonErrorThrown(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (typeof value === 'symbol') return value.toString();
  return typeof value;
}
