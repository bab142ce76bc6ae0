// The switches document: one JSON object in an SSM parameter or an AppConfig profile, versioned and attributed
// like the shared breaker state's document, so the same review habits and tooling apply.

import { describeValue, nearestName, redactText } from '@bulwark/errors';

/**
 * The document runtime switches are read from.
 *
 * @example
 * ```ts
 * import type { SwitchDocument } from '@bulwark/service';
 * const document: SwitchDocument = {
 *   version: 1,
 *   switches: { recommendations: false, 'payments.force-open': false },
 *   updatedAt: '2026-12-01T10:00:00.000Z',
 *   writtenBy: { kind: 'operator', id: 'alice' },
 * };
 * ```
 */
export interface SwitchDocument {
  readonly version: 1;
  readonly switches: Readonly<Record<string, boolean>>;
  readonly updatedAt?: string;
  readonly writtenBy?: { readonly kind: string; readonly id: string };
}

/** A switch name: letters, digits, `.`, `-`, `_`, at most 100 characters. */
export const SWITCH_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const MAX_DOCUMENT_CHARS = 64 * 1024;

export type ParsedSwitches =
  | {
      readonly ok: true;
      readonly values: ReadonlyMap<string, boolean>;
      /** Names in the document that the service does not declare, each with the nearest declared one. */
      readonly unknown: readonly string[];
    }
  | { readonly ok: false; readonly problem: string };

/** Parses and checks a document against the declared switch names. Never throws. */
export function parseSwitchDocument(raw: unknown, declared: readonly string[]): ParsedSwitches {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (raw instanceof Uint8Array) text = new TextDecoder().decode(raw);
  else return { ok: false, problem: `the document is ${describeValue(raw)}, not text` };
  if (text.length > MAX_DOCUMENT_CHARS) {
    return { ok: false, problem: `the document is ${text.length} characters, over ${MAX_DOCUMENT_CHARS}` };
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the document is not JSON' };
  }
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, problem: `the document is ${describeValue(document)}, not an object` };
  }
  const { version, switches } = document as { version?: unknown; switches?: unknown };
  if (version !== 1) return { ok: false, problem: `version must be 1, got ${describeValue(version)}` };
  if (typeof switches !== 'object' || switches === null || Array.isArray(switches)) {
    return { ok: false, problem: `switches must be an object, got ${describeValue(switches)}` };
  }
  const values = new Map<string, boolean>();
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(switches)) {
    if (!SWITCH_NAME.test(name)) {
      return { ok: false, problem: `switch name ${describeValue(name)} is not a valid name` };
    }
    if (typeof value !== 'boolean') {
      return { ok: false, problem: `switches.${name} must be true or false, got ${describeValue(value)}` };
    }
    if (!declared.includes(name)) {
      const near = nearestName(name, declared);
      unknown.push(`${redactText(name, 100)}${near === undefined ? '' : ` (did you mean "${near}"?)`}`);
      continue;
    }
    values.set(name, value);
  }
  return { ok: true, values, unknown };
}
