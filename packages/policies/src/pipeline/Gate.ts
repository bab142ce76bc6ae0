// A gate decides, synchronously and before any time is spent, whether a call may go on. The chain keeps
// its gates in an array fixed at construction (only the configured ones), and asks them in order.

import type { DependencyDownError } from '@bulwark/errors';

export interface Gate {
  /** Undefined to let the call through; the error to refuse it with (the call never reaches the dependency). */
  admit(): DependencyDownError | undefined;
}
