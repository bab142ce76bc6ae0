// The document an operator's write puts in SSM, built and checked before any request: a value SSM or the fleet's
// readers would refuse is a usage error (exit 2), never a half-done write.
import {
  type BreakerStateDocument,
  type FleetBreakerState,
  serializeBreakerDocument,
} from '@bulwark/policies';
import { BreakerUsageError } from './parseBreakerArgs.js';

/** What the fleet's readers accept (validateBreakerDocument in @bulwark/policies). */
const MAX_REASON_LENGTH = 1024;
const MAX_OPERATOR_LENGTH = 256;
/** SSM PutParameter's limit for a Standard parameter's value, in bytes. */
const MAX_SSM_VALUE_BYTES = 4096;

export type WriteCommandName = 'open' | 'close' | 'clear';

const TARGET: Record<WriteCommandName, FleetBreakerState> = {
  open: 'forced-open',
  close: 'forced-closed',
  // Clearing hands the dependency back to the probe, from the neutral state (the local breakers decide).
  clear: 'closed',
};

export interface OperatorDocument {
  readonly document: BreakerStateDocument;
  /** The document as written to SSM. */
  readonly text: string;
}

export function operatorDocument(
  command: WriteCommandName,
  dependency: string,
  reason: string | undefined,
  operator: string,
  now: number,
): OperatorDocument {
  if (reason !== undefined && reason.length > MAX_REASON_LENGTH) {
    throw new BreakerUsageError(
      `--reason must be at most ${MAX_REASON_LENGTH} characters (the fleet's readers refuse a longer one), got ${reason.length}`,
      command,
    );
  }
  if (operator.length === 0 || operator.length > MAX_OPERATOR_LENGTH) {
    throw new BreakerUsageError(
      `--operator (or $BULWARK_OPERATOR, $USER) must be 1 to ${MAX_OPERATOR_LENGTH} characters, got ${operator.length}`,
      command,
    );
  }
  const iso = new Date(now).toISOString();
  const document: BreakerStateDocument = {
    version: 1,
    dependency,
    state: TARGET[command],
    since: iso,
    ...(reason === undefined
      ? command === 'clear'
        ? { reason: `forced state cleared by ${operator}`.slice(0, MAX_REASON_LENGTH) }
        : {}
      : { reason }),
    writtenBy: { kind: 'operator', id: operator },
    updatedAt: iso,
  };
  let text: string;
  try {
    text = serializeBreakerDocument(document);
  } catch (error: unknown) {
    throw new BreakerUsageError(error instanceof Error ? error.message : String(error), command, {
      cause: error,
    });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_SSM_VALUE_BYTES) {
    throw new BreakerUsageError(
      `the document would be ${bytes} bytes and SSM holds at most ${MAX_SSM_VALUE_BYTES}: shorten --reason`,
      command,
    );
  }
  return { document, text };
}
