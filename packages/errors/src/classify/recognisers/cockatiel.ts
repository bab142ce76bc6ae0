// cockatiel's errors, recognised by the brand properties its own guards check, so this package keeps
// zero runtime dependencies. (Their `name` is plain 'Error', so names cannot tell them apart.)

import { readProp, readText } from '../safeRead.js';
import type { Recogniser } from '../Verdict.js';

const TIMED_OUT = /^Operation timed out/;

/** Open / isolated / hydrating circuit, full bulkhead, and cockatiel's timeout or cancellation. */
export const recogniseCockatiel: Recogniser = (node) => {
  if (readProp(node, 'isIsolatedCircuitError') === true) {
    return {
      kind: 'dependency-down',
      reason: 'circuit-open',
      code: 'IsolatedCircuitError',
      message: 'the circuit is isolated',
    };
  }
  if (readProp(node, 'isBrokenCircuitError') === true) {
    return {
      kind: 'dependency-down',
      reason: 'circuit-open',
      code: 'BrokenCircuitError',
      message: 'the circuit is open',
    };
  }
  if (readProp(node, 'isHydratingCircuitError') === true) {
    return {
      kind: 'dependency-down',
      reason: 'circuit-open',
      code: 'HydratingCircuitError',
      message: 'the circuit is half-open and its probe is in flight',
    };
  }
  if (readProp(node, 'isBulkheadRejectedError') === true) {
    return {
      kind: 'dependency-down',
      reason: 'bulkhead-full',
      code: 'BulkheadRejectedError',
      message: 'the bulkhead is full',
    };
  }
  if (readProp(node, 'isTaskCancelledError') === true) {
    // cockatiel's timeout policy throws this with "Operation timed out after Nms"; its breaker and
    // bulkhead throw it (message "Operation cancelled") when the caller's signal aborts.
    if (TIMED_OUT.test(readText(node, 'message'))) {
      return {
        kind: 'transient',
        reason: 'timeout',
        code: 'TaskCancelledError',
        message: 'the attempt timed out',
      };
    }
    return {
      kind: 'cancelled',
      reason: 'cancelled',
      code: 'TaskCancelledError',
      message: 'the caller cancelled the operation',
    };
  }
  return undefined;
};
