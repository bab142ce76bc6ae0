// swallowed-error: a catch around an existence probe (S3 HeadObject) that takes every failure for "the
// object is not there". HeadObject answers a missing key by throwing NotFound (404), so a catch written for
// that case, without testing the error, also answers "missing" for a throttle, an outage, an access denied
// or a timeout: the caller then writes where an object already is, or skips work it should do. A stated
// reason (`// we expect it to be missing`) names only the absence, never the other failures, so it does not
// excuse this; a catch that tests the name or status first (`error.name === 'NotFound'`) is not this.
import { type Node, someDescendant, unwrap, wrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isIoNode, isObservation } from './catchFacts.js';
import { callsS3Object } from './s3ObjectCalls.js';

/**
 * The try asks S3 whether an object exists: `s3.headObject(...)`, `new HeadObjectCommand(...)`.
 * @example
 * probesExistence(tryBlock) // true for `await s3.headObject({ Bucket, Key }).promise()`
 */
export function probesExistence(block: Node): boolean {
  return callsS3Object(block, ['Head']);
}

/**
 * The HeadObject is the try's only I/O: a try that goes on to copy or write after it fails for those too,
 * and its catch is not about the probe alone.
 */
export function onlyProbes(ctx: ModuleContext, block: Node): boolean {
  return (
    probesExistence(block) && !someDescendant(block, (n) => isIoNode(ctx, n) && !probesExistence(n), true)
  );
}

const STATUS_FIELD = /^(?:statusCode|status|httpStatus)$/;

/**
 * `{ statusCode: 500 }`, `{ success: false }`: the returned value tells the caller it failed. A 404 is the
 * not-found answer a probe means, so it does not count.
 */
function answersError(ret: Node): boolean {
  return someDescendant(wrap(ret), (n) => {
    if (n.type !== 'Property' || n.computed) return false;
    const key = unwrap(n.key as Node)?.name ?? '';
    const value = unwrap(n.value as Node);
    if (value?.type !== 'Literal') return false;
    if (STATUS_FIELD.test(key))
      return typeof value.value === 'number' && value.value >= 400 && value.value !== 404;
    return /^(?:success|ok)$/.test(key) && value.value === false;
  });
}

/**
 * The catch answers as if the probe had said "absent": its statements only log or return a value that
 * answers no error (or there are none), so no throw, no call that records the failure (`await
 * failUpload(...)`), no `{ statusCode: 500 }`, no exit.
 */
export function answersAbsent(body: Node): boolean {
  return (body.body as Node[]).every(
    (s) =>
      isObservation(s) ||
      (s.type === 'ReturnStatement' &&
        !answersError(s) &&
        !someDescendant(wrap(s), (n) => n.type === 'CallExpression' || n.type === 'AwaitExpression')),
  );
}

/** The finding's text for a catch that takes every failure of a HeadObject probe for "absent". */
export const PROBE_MESSAGE =
  'catch takes every failure of the HeadObject for "the object does not exist" without testing the error: a throttle, an outage or a denied request is answered as missing, and the caller goes on to write or skip as if it were';
