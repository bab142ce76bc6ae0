import { describe, expect, it } from 'vitest';
import { namesMeet } from './invokedFunctions.js';
import { calledName, PARAM } from './js/rules/asyncInvokeNames.js';

describe('namesMeet', () => {
  it('joins a deployed name to the same name with the stage left to the deploy', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*-buildReport')).toBe(true);
    expect(namesMeet('reports-*-buildReport', 'reports-prod-buildReport')).toBe(true);
  });
  it('keeps functions of the same service apart', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*-lookupRate')).toBe(false);
    expect(namesMeet('reports-*-build', 'reports-*-buildReport')).toBe(false);
  });
  it('joins nothing to a name the code computes at its end', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*')).toBe(false);
    expect(namesMeet('reports-*-buildReport', '*')).toBe(false);
  });
});

describe('calledName', () => {
  const helper = { template: `reports-*-${PARAM}0`, typeParam: 1 };
  it("fills the helper's template with a call's literal arguments when the type is 'Event'", () => {
    expect(calledName(helper, ['buildReport', 'Event', null])).toBe('reports-*-buildReport');
  });
  it('names nothing for a call that waits for the answer or passes an unread name', () => {
    expect(calledName(helper, ['lookupRate', 'RequestResponse'])).toBeUndefined();
    expect(calledName(helper, [null, 'Event'])).toBeUndefined();
  });
  it("takes every call of a helper that always invokes with 'Event'", () => {
    expect(calledName({ template: `reports-*-${PARAM}0`, typeParam: -1 }, ['sendDigest'])).toBe(
      'reports-*-sendDigest',
    );
  });
});
