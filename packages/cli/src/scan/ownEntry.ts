// Records keyed by names read from scanned code (an export, a method, a key) answer a name such as
// `constructor` or `toString` from Object.prototype when the code has no such entry of its own: a function
// where a list was expected, which crashed the scan on a vendored SDK exporting `g as constructor`.

/**
 * The record's own entry for `key`, never one inherited from Object.prototype.
 *
 * @example
 * ownEntry({ warm: [ref] }, 'constructor') // undefined, not Object
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
