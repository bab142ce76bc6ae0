// The one place that decides whether text read from SSM may be trusted as a fleet breaker state,
// and the one place that turns a document back into text. Readers, the probe and the CLI all go through it.
import { describeValue } from '@bulwark/errors';
import { isDependencyName, MAX_DEPENDENCY_NAME_LENGTH } from './dependencyName.js';
import type { BreakerStateDocument, FleetBreakerState } from './SharedBreakerState.js';

/**
 * The schema version this build writes and understands. A reader ignores any other version (it is
 * never guessed at), so a newer writer cannot make an older fleet misbehave.
 *
 * @example
 * ```ts
 * import { BREAKER_DOCUMENT_VERSION } from '@bulwark/policies';
 * console.log(BREAKER_DOCUMENT_VERSION); // 1
 * ```
 */
export const BREAKER_DOCUMENT_VERSION = 1 as const;

/** The four states a document may hold. cockatiel's Isolated is deliberately absent (see TOOLCHAIN). */
const FLEET_STATES: readonly FleetBreakerState[] = ['open', 'closed', 'forced-open', 'forced-closed'];

/** SSM standard parameters hold 4 KB; a reason longer than this is a bug, not a message. */
const MAX_REASON_LENGTH = 1024;
const MAX_ID_LENGTH = 256;

/**
 * The longest text {@link parseBreakerDocument} parses: SSM's advanced tier holds 8 KB, and a valid
 * document is under 2 KB. Bounding the text first bounds JSON.parse's time and nesting depth.
 *
 * @example
 * ```ts
 * import { MAX_BREAKER_DOCUMENT_LENGTH } from '@bulwark/policies';
 * console.log(MAX_BREAKER_DOCUMENT_LENGTH); // 8192
 * ```
 */
export const MAX_BREAKER_DOCUMENT_LENGTH = 8_192;

/**
 * Why a document was not trusted.
 *
 * - `unparseable`: the text is not JSON.
 * - `invalid`: JSON, but it does not fit the schema (a field missing, of the wrong type, an unknown state
 *   such as cockatiel's `isolated`, a dependency other than the expected one).
 * - `unknown-version`: a `version` this build does not know.
 *
 * @example
 * ```ts
 * import { parseBreakerDocument, type BreakerDocumentProblem } from '@bulwark/policies';
 * const result = parseBreakerDocument('{');
 * const problem: BreakerDocumentProblem | undefined = result.ok ? undefined : result.problem;
 * ```
 */
export type BreakerDocumentProblem = 'unparseable' | 'invalid' | 'unknown-version';

/**
 * The outcome of {@link parseBreakerDocument}: the document, or why it was refused. Never thrown.
 *
 * @example
 * ```ts
 * import { parseBreakerDocument } from '@bulwark/policies';
 * const result = parseBreakerDocument('{"version":2}');
 * if (!result.ok) console.log(result.problem, result.message); // unknown-version ...
 * ```
 */
export type BreakerDocumentResult =
  | { readonly ok: true; readonly document: BreakerStateDocument }
  | { readonly ok: false; readonly problem: BreakerDocumentProblem; readonly message: string };

/**
 * Options for {@link parseBreakerDocument}.
 *
 * @example
 * ```ts
 * import { parseBreakerDocument } from '@bulwark/policies';
 * parseBreakerDocument(text, { dependency: 'edna' }); // refuses a document written for another dependency
 * declare const text: string;
 * ```
 */
export interface ParseBreakerDocumentOptions {
  /**
   * When set, a document whose `dependency` differs is refused as `invalid` (a document copied to the
   * wrong parameter must not open someone else's breaker).
   * @defaultValue undefined (any dependency name is accepted)
   */
  readonly dependency?: string;
}

/**
 * Validates text read from a breaker parameter. Never throws: a document that does not parse, does
 * not fit the schema, or carries an unknown version comes back as `{ ok: false, problem, message }`
 * and must be ignored by the caller. Unknown extra fields are dropped (additive changes within a
 * version stay readable).
 *
 * @example
 * ```ts
 * import { parseBreakerDocument } from '@bulwark/policies';
 * const result = parseBreakerDocument(
 *   '{"version":1,"dependency":"edna","state":"open","since":"2026-11-23T10:00:00.000Z",' +
 *     '"writtenBy":{"kind":"probe","id":"edna-probe"},"updatedAt":"2026-11-23T10:00:00.000Z"}',
 * );
 * if (result.ok) console.log(result.document.state); // open
 * ```
 */
export function parseBreakerDocument(
  text: string,
  options: ParseBreakerDocumentOptions = {},
): BreakerDocumentResult {
  if (typeof text !== 'string') return refuse('unparseable', `expected text, got ${describeValue(text)}`);
  if (text.length > MAX_BREAKER_DOCUMENT_LENGTH) {
    return refuse(
      'unparseable',
      `${text.length} characters, more than the ${MAX_BREAKER_DOCUMENT_LENGTH} a document may hold`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error: unknown) {
    return refuse(
      'unparseable',
      `not JSON (${describeValue(error instanceof Error ? error.message : error)})`,
    );
  }
  return validateBreakerDocument(raw, options);
}

/**
 * Validates an already-parsed value as a breaker document (same rules as {@link parseBreakerDocument}).
 *
 * @example
 * ```ts
 * import { validateBreakerDocument } from '@bulwark/policies';
 * validateBreakerDocument({ version: 1, state: 'isolated' }).ok; // false: isolated is never shared
 * ```
 */
export function validateBreakerDocument(
  raw: unknown,
  options: ParseBreakerDocumentOptions = {},
): BreakerDocumentResult {
  try {
    return validate(raw, options);
  } catch (error: unknown) {
    // A Proxy or a throwing getter handed in by a caller: refused like any other bad document.
    return refuse(
      'invalid',
      `could not be read (${describeValue(error instanceof Error ? error.name : error)})`,
    );
  }
}

function validate(raw: unknown, options: ParseBreakerDocumentOptions): BreakerDocumentResult {
  if (!isRecord(raw)) return refuse('invalid', `expected a JSON object, got ${describe(raw)}`);
  if (raw.version !== BREAKER_DOCUMENT_VERSION) {
    return typeof raw.version === 'number'
      ? refuse('unknown-version', `version ${raw.version} is not known to this reader (expects 1)`)
      : refuse('invalid', `"version" must be 1, got ${describe(raw.version)}`);
  }
  const { dependency, state, since, retryAt, reason, writtenBy, updatedAt } = raw;
  if (typeof dependency !== 'string' || !isDependencyName(dependency)) {
    return refuse(
      'invalid',
      `"dependency" must be a dependency name (1-${MAX_DEPENDENCY_NAME_LENGTH} of A-Za-z0-9_.-), got ${describe(dependency)}`,
    );
  }
  if (options.dependency !== undefined && dependency !== options.dependency) {
    return refuse(
      'invalid',
      `"dependency" is ${describe(dependency)}, expected ${describe(options.dependency)} (a document for another dependency)`,
    );
  }
  if (typeof state !== 'string' || !(FLEET_STATES as readonly string[]).includes(state)) {
    return refuse('invalid', `"state" must be one of ${FLEET_STATES.join(', ')}, got ${describe(state)}`);
  }
  for (const [field, value] of [
    ['since', since],
    ['updatedAt', updatedAt],
  ] as const) {
    if (!isIsoDate(value))
      return refuse('invalid', `"${field}" must be an ISO-8601 time, got ${describe(value)}`);
  }
  if (retryAt !== undefined && !isIsoDate(retryAt)) {
    return refuse('invalid', `"retryAt" must be an ISO-8601 time, got ${describe(retryAt)}`);
  }
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > MAX_REASON_LENGTH)) {
    return refuse('invalid', `"reason" must be a string of at most ${MAX_REASON_LENGTH} characters`);
  }
  if (
    !isRecord(writtenBy) ||
    (writtenBy.kind !== 'probe' && writtenBy.kind !== 'operator') ||
    typeof writtenBy.id !== 'string' ||
    writtenBy.id.length === 0 ||
    writtenBy.id.length > MAX_ID_LENGTH
  ) {
    return refuse(
      'invalid',
      `"writtenBy" must be { kind: "probe" | "operator", id: non-empty string }, got ${describe(writtenBy)}`,
    );
  }
  const document: BreakerStateDocument = {
    version: BREAKER_DOCUMENT_VERSION,
    dependency,
    state: state as FleetBreakerState,
    since: since as string,
    ...(retryAt === undefined ? {} : { retryAt: retryAt as string }),
    ...(reason === undefined ? {} : { reason }),
    writtenBy: { kind: writtenBy.kind, id: writtenBy.id },
    updatedAt: updatedAt as string,
  };
  return { ok: true, document };
}

/**
 * Turns a document into the text stored in SSM, after validating it: a writer can never store what
 * a reader would refuse.
 *
 * @throws TypeError naming the field and the value when the document does not fit the schema.
 * @example
 * ```ts
 * import { serializeBreakerDocument } from '@bulwark/policies';
 * const text = serializeBreakerDocument({
 *   version: 1, dependency: 'edna', state: 'forced-open', since: new Date().toISOString(),
 *   reason: 'INC-1234', writtenBy: { kind: 'operator', id: 'alice' }, updatedAt: new Date().toISOString(),
 * });
 * ```
 */
export function serializeBreakerDocument(document: BreakerStateDocument): string {
  const result = validateBreakerDocument(document);
  if (!result.ok) throw new TypeError(`Invalid breaker document: ${result.message}`);
  return JSON.stringify(result.document);
}

function refuse(problem: BreakerDocumentProblem, message: string): BreakerDocumentResult {
  return { ok: false, problem, message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value) && !Number.isNaN(Date.parse(value));
}

/** Never JSON.stringify here: a value nested thousands deep overflows the stack. */
function describe(value: unknown): string {
  return describeValue(value);
}
