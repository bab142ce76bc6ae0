import { describe, expect, it } from 'vitest';
import { keyNameKinds } from './idKeyNames.js';

describe('keyNameKinds', () => {
  it('reads each kind of name as the rule did, property by property', () => {
    // Prepare
    const names = [
      'MessageDeduplicationId',
      'CallerReference',
      'orderId',
      'sk',
      'order-id',
      'traceId',
      'Bucket',
    ];

    // Act
    const found = names.map((n) => keyNameKinds(n));

    // Assess
    expect(found).toEqual([
      { dedupKey: true, reference: false, idName: true, emittedId: true },
      { dedupKey: false, reference: true, idName: false, emittedId: false },
      { dedupKey: false, reference: false, idName: true, emittedId: true },
      { dedupKey: false, reference: false, idName: true, emittedId: false },
      { dedupKey: false, reference: false, idName: false, emittedId: true },
      { dedupKey: false, reference: false, idName: true, emittedId: false },
      { dedupKey: false, reference: false, idName: false, emittedId: false },
    ]);
  });

  it('answers a name asked again with the answer it found the first time', () => {
    const first = keyNameKinds('ClientToken');
    expect(keyNameKinds('ClientToken')).toBe(first);
    expect(first.dedupKey).toBe(true);
  });
});
