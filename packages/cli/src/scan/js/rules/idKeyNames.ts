// What a property's name alone says to random-id-nondeterministic (idempotency.ts), which asks it of every
// property of a module it reads: on landing-zone-accelerator (a CDK application), 14,369 properties and
// 2,214 names, each asked four to six anchored expressions. The answers depend only on the name, so each name
// is asked once per scan and remembered.
import { emittedIdKey } from './emittedIds.js';
import { RECORD_ID_FIELD } from './randomValues.js';
import { KEY_FIELD } from './wrappedKeys.js';

/**
 * The caller's reference a receiving API knows a request by (`messageReference`, `CallerReference`):
 * made afresh per attempt, a redelivery is a new request to the receiver. A bare `reference` is left
 * alone: in most APIs (GOV.UK Notify, payment references) it is free text nobody deduplicates on.
 */
const REFERENCE_FIELD = /^[a-zA-Z]+Reference$/;
/**
 * A DynamoDB sort key by its usual names: with a fixed partition key, a sort key made per attempt (the
 * time of processing, a fresh id) files a redelivered message as a second item beside the first.
 */
const SORT_KEY = /^(sk|SK|sortKey|rangeKey|sort_key|range_key)$/;

export interface KeyNameKinds {
  /** A deduplication key a service reads (`MessageDeduplicationId`, `ClientToken`): KEY_FIELD. */
  readonly dedupKey: boolean;
  /** A caller's reference (REFERENCE_FIELD). */
  readonly reference: boolean;
  /** A record id or a sort key by name (RECORD_ID_FIELD, SORT_KEY). */
  readonly idName: boolean;
  /** An id of an emitted event by name (emittedIdKey). */
  readonly emittedId: boolean;
}

const known = new Map<string, KeyNameKinds>();

/**
 * What `key`, a property's name, is by its name alone; exactly the expressions' answers, found once per name.
 * @example
 * keyNameKinds('orderId'); // { dedupKey: false, reference: false, idName: true, emittedId: true }
 */
export function keyNameKinds(key: string): KeyNameKinds {
  let kinds = known.get(key);
  if (kinds === undefined) {
    kinds = {
      dedupKey: KEY_FIELD.test(key),
      reference: REFERENCE_FIELD.test(key),
      idName: RECORD_ID_FIELD.test(key) || SORT_KEY.test(key),
      emittedId: emittedIdKey(key),
    };
    known.set(key, kinds);
  }
  return kinds;
}
