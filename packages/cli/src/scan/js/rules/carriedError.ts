// swallowed-error: a catch whose answer carries the failure under an error key answers it as a value, as
// `{ success: false }` does (failureResult.ts), though no verdict field says so: the caught error itself
// (`catch (err) { log(err); return { code: 'UNKNOWN_ERROR', message: err.message, error: err } }`) or an
// object naming the failure (`return { error: { code: 'EVENT_NOT_FOUND', message } }`). Narrow on purpose:
// under `error`/`err`/`exception` only; the value must be the catch's own binding (not a fresh `new
// Error(...)`, not a text) or an object literal with a `code` or `message`; and the answer must not also
// claim success (`{ success: true, error }`, `{ statusCode: 200, error }` is a partial answer, not a failure
// one; a spread may hold such a claim). Whether a caller reads
// it is settled as for the other failure objects (onlyIfResultDropped in the project pass).
import { type Node, propertyName, unwrap } from '../ast.js';
import { statusField } from './httpStatus.js';

/** Keys under which an answer hands its caller the error object. */
export const ERROR_KEY = /^(error|err|exception)$/;
/**
 * Verdict keys: a `true` under one says the answer is a success, a `false` that it failed (failureResult.ts
 * reads the same set, so the two failure-answer tests agree on what a verdict is).
 */
export const VERDICT = /^(success|succeeded|successful|ok|isSuccess|isOk|saved|sent|done|processed)$/;

/** `{ code: 'EVENT_NOT_FOUND', message: '...' }`: an object literal that names a failure by code or message. */
function describesFailure(field: Node | undefined): boolean {
  if (field?.type !== 'ObjectExpression') return false;
  return (field.properties as Node[]).some(
    (p) => p.type === 'Property' && /^(code|message)$/.test(propertyName(p.key, p.computed as boolean) ?? ''),
  );
}

/**
 * `value` is an object literal that hands back `caught` (the catch's binding), or an object naming the
 * failure, under an error key and claims no success: `{ error: err }`, `{ ok: false, error }`, `{ code:
 * 'UNKNOWN_ERROR', message: e.message, error: e }`, `{ error: { code: 'EVENT_NOT_FOUND', message } }`.
 *
 * @example
 * carriesCaughtError(parse("({ code: 'X', error: err })"), 'err') // true
 * carriesCaughtError(parse('({ error: new Error("x") })'), 'err') // false: not the caught error
 */
export function carriesCaughtError(value: Node | null | undefined, caught: string | undefined): boolean {
  const v = unwrap(value);
  if (caught === undefined || v?.type !== 'ObjectExpression') return false;
  let carries = false;
  for (const p of v.properties as Node[]) {
    // `{ ...ok, error: err }`: the spread may hold the verdict, so the answer's meaning is unknown.
    if (p.type !== 'Property') return false;
    const key = propertyName(p.key, p.computed as boolean) ?? '';
    const field = unwrap(p.value as Node);
    if (VERDICT.test(key) && field?.type === 'Literal' && field.value === true) return false;
    // `{ statusCode: 200, error: err }` claims success as plainly as `success: true`.
    const status = statusField(p);
    if (status?.type === 'Literal' && typeof status.value === 'number' && status.value < 300) return false;
    if (ERROR_KEY.test(key) && field?.type === 'Identifier' && field.name === caught) carries = true;
    if (ERROR_KEY.test(key) && describesFailure(field)) carries = true;
  }
  return carries;
}

/** The identifier a catch clause binds (`catch (err)`), else undefined (`catch {}`, a destructured binding). */
export function caughtName(clause: Node): string | undefined {
  const param = unwrap(clause.param as Node | null);
  return param?.type === 'Identifier' ? (param.name as string) : undefined;
}
