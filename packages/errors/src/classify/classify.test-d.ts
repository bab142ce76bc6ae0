// Type-level promises: thrown values are `unknown`, rules only take the kinds and reasons that exist,
// and a Classification cannot be edited by whoever receives it.
import { describe, expectTypeOf, it } from 'vitest';
import type { Classification, ErrorKindName } from '../Classification.js';
import type { ClassifierRule } from './ClassifierRule.js';
import { classify } from './classify.js';
import { createClassifier } from './createClassifier.js';

describe('types', () => {
  it('classify takes anything and gives a Classification', () => {
    expectTypeOf(classify).parameter(0).toEqualTypeOf<unknown>();
    expectTypeOf(classify).returns.toEqualTypeOf<Classification>();
    expectTypeOf<Classification['kind']>().toEqualTypeOf<ErrorKindName>();
  });

  it('a rule only takes real kinds and reasons', () => {
    const ok: ClassifierRule = { match: () => true, kind: 'transient', reason: 'throttled' };
    // @ts-expect-error: 'transiant' is not a kind
    const badKind: ClassifierRule = { match: () => true, kind: 'transiant' };
    // @ts-expect-error: 'flaky' is not a reason
    const badReason: ClassifierRule = { match: () => true, kind: 'transient', reason: 'flaky' };
    expectTypeOf(createClassifier([ok, badKind, badReason])).toEqualTypeOf<
      (error: unknown) => Classification
    >();
  });

  it('a Classification is read-only', () => {
    const c = classify(new Error('x'));
    // @ts-expect-error: readonly
    c.retryable = true;
  });
});
