// A per-call flag only the package sets: a request body that cannot be replayed (a stream given to
// fetch, a streaming SDK send) allows one attempt. A symbol key, so execute()'s check of the caller's
// options (unknown keys refused) never sees it, and no caller can type or mistype it.

/** Set to `true` in execute's internal options: this call gets one attempt, whatever `retry` says. */
export const SINGLE_ATTEMPT: unique symbol = Symbol('bulwark.singleAttempt');
