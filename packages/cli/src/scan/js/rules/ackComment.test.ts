import { describe, expect, it } from 'vitest';
import { ACKNOWLEDGED } from './ackComment.js';

describe('ACKNOWLEDGED', () => {
  it.each([
    '// return 200 to prevent retries',
    '// acknowledge so the sender stops retrying',
    '// answer 200: no redelivery of a poison event',
    "// don't let Stripe retry this event",
  ])('ties the 2xx to stopping retries: %s', (text) => {
    expect(ACKNOWLEDGED.test(text)).toBe(true);
  });

  it.each([
    '// notify the team to retry by hand',
    '// TODO: acknowledge only after the write succeeded',
    '// note: the sender will retry',
    '// now store the event',
  ])('decides nothing: %s', (text) => {
    expect(ACKNOWLEDGED.test(text)).toBe(false);
  });
});
