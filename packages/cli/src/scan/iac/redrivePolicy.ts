// A CloudFormation queue's `RedrivePolicy` (also an SNS subscription's) is typed `Json`: templates write it as
// a map, as a JSON string (`'{"deadLetterTargetArn":"arn:...","maxReceiveCount":5}'`, as the SQS API and
// console take it), or as a string built with `Fn::Sub` (`!Sub '{"deadLetterTargetArn":"${Dlq.Arn}",...}'`).
// Every form names the same two keys; reading only the map reported the others as queues with no DLQ.
import { type Json, obj } from './IacResult.js';

/** `maxReceiveCount` in a policy written as text (a JSON string, or an `Fn::Sub` template of one). */
const MAX_RECEIVE = /"maxReceiveCount"\s*:\s*"?(\d+)/;

/** The policy text of a JSON string or of `Fn::Sub` (`'...'` or `['...', { vars }]`), if written so. */
function policyText(value: Json): { text: string; vars?: Json } | undefined {
  if (typeof value === 'string') return { text: value };
  const sub = obj(value)?.['Fn::Sub'];
  if (typeof sub === 'string') return { text: sub };
  if (Array.isArray(sub) && typeof sub[0] === 'string') return { text: sub[0], vars: sub[1] };
  return undefined;
}

/**
 * The redrive policy as a map, whichever way the template wrote it; a text policy's dead-letter target
 * becomes the `Fn::Sub` it was written with, so its `${Dlq.Arn}` still names the queue (refsIn).
 * @example
 * redrivePolicyOf({ 'Fn::Sub': '{"deadLetterTargetArn":"${Dlq.Arn}","maxReceiveCount":3}' })
 * // { deadLetterTargetArn: { 'Fn::Sub': '...' }, maxReceiveCount: 3 }
 */
export function redrivePolicyOf(value: Json): Record<string, Json> | undefined {
  const text = policyText(value);
  if (text === undefined) {
    const map = obj(value);
    // `{ 'Fn::Sub': ... }` is handled above; any other intrinsic (`Fn::If`, an imported value) is a policy
    // the scan cannot read, present all the same.
    return map;
  }
  if (obj(value) === undefined) {
    try {
      const parsed = obj(JSON.parse(text.text));
      if (parsed !== undefined) return parsed;
    } catch {
      // Not plain JSON (a `${...}` variable inside): read the keys from the text below.
    }
  }
  if (!/deadLetterTarget/.test(text.text)) return undefined;
  const max = MAX_RECEIVE.exec(text.text)?.[1];
  return {
    deadLetterTargetArn: obj(value) !== undefined ? value : text.text,
    ...(max !== undefined ? { maxReceiveCount: Number(max) } : {}),
  };
}
