// The sentence naming the handlers a shared batch loop serves.
import { describe, expect, it } from 'vitest';
import { servedText } from './sharedBatchServes.js';

describe('servedText', () => {
  it('names one handler as a template names it, relative to the root', () => {
    expect(servedText('/app', ['/app/src/workers/orderPaid#handler'])).toBe(
      '(the batch loop of one handler: src/workers/orderPaid.handler; one change here answers for all of them)',
    );
  });

  it('names four handlers and counts the rest', () => {
    const keys = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `/app/src/${n}#handler`);
    expect(servedText('/app', keys)).toBe(
      '(the batch loop of 6 handlers: src/a.handler, src/b.handler, src/c.handler, src/d.handler, and 2 more; one change here answers for all of them)',
    );
  });
});
