// The breaker-aware skip: while a dependency the handler needs is open, a record is reported for redelivery
// without running (it would only fail and burn a receive), and the batch returns quickly.

// `forced-open` too: a BreakerAwareDependency may report the fleet document's state as it is.
const OPEN_STATES = new Set(['open', 'isolated', 'forced-open']);

/** A dependency whose `state` cannot be read is not open: shared state may help, never block. */
function isOpen(dep: { readonly state: string }): boolean {
  try {
    return OPEN_STATES.has(dep.state);
  } /* Stryker disable next-line BlockStatement: an emptied catch returns undefined, which find() reads as false too */ catch {
    return false;
  }
}

/** The first of `dependencies` whose breaker is open, or undefined. */
export function firstOpen<D extends { readonly state: string }>(dependencies: readonly D[]): D | undefined {
  return dependencies.find(isOpen);
}
