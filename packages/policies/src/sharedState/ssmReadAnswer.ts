// What a provider answered, made safe to act on: a provider is user code (or Powertools over the SDK) and
// may answer bytes, garbage, or throw values whose getters throw. Nothing here throws.
import { serializeError } from '@bulwark/errors';

/** The text of an answer (a string, or UTF-8 bytes), or why it is not one. */
export function answerText(value: unknown): string | { readonly problem: string } {
  if (typeof value === 'string') return value;
  if (isBytes(value)) return decode(value) ?? { problem: 'the provider answered bytes that are not UTF-8' };
  return { problem: `the provider answered ${describeKind(value)}, not text` };
}

function isBytes(value: unknown): value is Uint8Array {
  let bytes = false;
  try {
    bytes = value instanceof Uint8Array;
  } catch {
    // a revoked Proxy throws on instanceof: not bytes
  }
  return bytes;
}

function decode(value: Uint8Array): string | undefined {
  let text: string | undefined;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(value);
  } catch {
    // not UTF-8: no text
  }
  return text;
}

function describeKind(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** True when the error (or a cause up to 5 deep) is SSM's ParameterNotFound: no fleet opinion, not a failure. */
export function isParameterNotFound(error: unknown): boolean {
  try {
    for (let e: unknown = error, depth = 0; depth < 5; depth++) {
      // Stryker disable next-line ConditionalExpression,LogicalOperator: reading .name of null or undefined throws, and the catch below answers false all the same
      if (e === undefined || e === null) return false;
      const name = (e as { name?: unknown }).name;
      if (name === 'ParameterNotFound' || name === 'ParameterNotFoundError') return true;
      e = (e as { cause?: unknown }).cause;
    }
  } catch {
    // A revoked Proxy or a throwing getter is a failure, not a missing parameter.
  }
  return false;
}

/** `Name: message` of the SDK's error (under Powertools' GetParameterError), redacted; never throws. */
export function describeReadError(error: unknown): string {
  const top = serializeError(error);
  // Powertools wraps SDK errors in GetParameterError; the SDK's name (ThrottlingException...) is what helps.
  if (top.name === 'GetParameterError') {
    try {
      const cause = (error as { cause?: unknown }).cause;
      if (cause !== undefined) {
        const inner = serializeError(cause);
        return `${inner.name}: ${inner.message}`;
      }
    } catch {
      // fall through to the wrapper's own description
    }
  }
  return `${top.name}: ${top.message}`;
}
