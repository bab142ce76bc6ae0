// Error messages name the bad value without echoing it whole: a secret passed by mistake stays short,
// an object's contents (which may hold credentials) are never printed, and a terminal cannot be driven
// by control characters inside a value.

const MAX_STRING = 40;

/**
 * A short, safe description of a bad value for an error message: type-aware (`NaN`, `Infinity`, `-0`,
 * `12n`), strings quoted, cut at 40 characters with their length given and control characters escaped;
 * arrays and objects described by kind and size, never by their contents.
 *
 * @example
 * ```ts
 * import { describeValue } from '@bulwark/errors';
 * describeValue(Number.NaN); // 'NaN'
 * describeValue({ secretAccessKey: 'x' }); // 'an object'
 * describeValue('a'.repeat(2049)); // '"aaaa…" (2049 characters)'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return describeString(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return describeObject(value);
  }
}

function describeString(value: string): string {
  const cut = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  const quoted = JSON.stringify(cut).replace(
    /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return value.length > MAX_STRING ? `${quoted} (${value.length} characters)` : quoted;
}

function describeObject(value: object): string {
  try {
    if (Array.isArray(value)) {
      const n = value.length;
      return n === 0 ? 'an empty array' : `an array of ${n} item${n === 1 ? '' : 's'}`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    // Stryker disable next-line ConditionalExpression: without it, reading null's constructor throws and the catch answers 'an object' all the same
    if (proto === null) return 'an object';
    if (proto === Object.prototype) return 'an object';
    const ctor: unknown = (proto as { constructor?: unknown }).constructor;
    // Stryker disable next-line StringLiteral: any other text for "no name" fails the identifier check below as '' does
    const name = typeof ctor === 'function' ? ctor.name : '';
    return /^[A-Za-z_$][\w$]{0,39}$/.test(name) ? `an instance of ${name}` : 'an object';
  } catch {
    // A revoked Proxy or a throwing trap: still an object, and the message must still be written.
    return 'an object';
  }
}
