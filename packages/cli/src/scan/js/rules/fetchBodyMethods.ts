// The methods of a fetch Response that read its body. Reading the body is what turns an unchecked error
// page into data, so uncheckedFetch.ts asks this list whether a response was read. node-fetch v2, still
// bundled by many Lambdas, adds `buffer()` beside the WHATWG methods: `await res.buffer()` reads the body
// as `await res.arrayBuffer()` does, and an error page stored from it (an S3 upload of a 404 page) is the
// same loss as one parsed with `json()`.

/** The body-reading methods: the WHATWG ones and node-fetch v2's `buffer()`. */
export const FETCH_BODY_METHODS: readonly string[] = ['json', 'text', 'arrayBuffer', 'blob', 'buffer'];

/**
 * `method` reads a fetch Response's body.
 *
 * @example
 * readsFetchBody('buffer') // true: node-fetch v2's `await res.buffer()`
 * readsFetchBody('clone') // false
 */
export function readsFetchBody(method: string | undefined): boolean {
  return method !== undefined && FETCH_BODY_METHODS.includes(method);
}
