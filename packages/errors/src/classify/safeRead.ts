// Reading a property of an unknown thrown value can itself throw (getters, Proxies, revoked Proxies).
// Every read the classifier makes goes through here so that `classify` never throws.

/**
 * Reads `value[key]`, returning `undefined` when `value` is not an object or the read throws.
 */
export function readProp(value: unknown, key: PropertyKey): unknown {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  try {
    return (value as Record<PropertyKey, unknown>)[key];
  } catch {
    return undefined;
  }
}

/** Reads a string property, or `undefined`. */
export function readString(value: unknown, key: PropertyKey): string | undefined {
  const got = readProp(value, key);
  return typeof got === 'string' ? got : undefined;
}

/** Reads a string property, or `''` when there is none: for a pattern tested against an optional message. */
export function readText(value: unknown, key: PropertyKey): string {
  return readString(value, key) ?? '';
}

/** Reads a finite number property (or a numeric string such as got's `'429'`), or `undefined`. */
export function readNumber(value: unknown, key: PropertyKey): number | undefined {
  const got = readProp(value, key);
  if (typeof got === 'number' && Number.isFinite(got)) return got;
  return undefined;
}

/** True when `value` is a non-null object (or function) we may read from. */
export function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/**
 * Reads one header from a fetch `Headers`, a Node/axios/got plain header object, or anything with a
 * `get(name)` method. Case-insensitive. Never throws.
 */
export function readHeader(headers: unknown, name: string): string | undefined {
  if (!isObjectLike(headers)) return undefined;
  const lower = name.toLowerCase();
  const get = readProp(headers, 'get');
  if (typeof get === 'function') {
    try {
      const got: unknown = get.call(headers, lower);
      if (typeof got === 'string') return got;
      if (typeof got === 'number') return String(got);
    } catch {
      // fall through to the plain-object read
    }
  }
  let keys: string[];
  try {
    keys = Object.keys(headers);
  } catch {
    return undefined;
  }
  for (const key of keys.slice(0, 200)) {
    if (key.toLowerCase() !== lower) continue;
    const got = readProp(headers, key);
    if (typeof got === 'string') return got;
    if (typeof got === 'number') return String(got);
    if (Array.isArray(got) && typeof got[0] === 'string') return got[0];
  }
  return undefined;
}
