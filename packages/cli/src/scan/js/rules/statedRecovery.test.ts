// Which catch comments name a later recovery or a deliberate silence (statedRecovery.ts).
import { describe, expect, it } from 'vitest';
import { statesRecovery } from './statedRecovery.js';

describe('statesRecovery', () => {
  it('takes an outbox sweep that retries the send', () => {
    // Act
    const stated = statesRecovery(
      '// The pending DB row is the outbox. The minute sweep will retry this send;',
    );

    // Assess
    expect(stated).toBe(true);
  });

  it('takes files cleaned up later', () => {
    // Act
    const stated = statesRecovery('// Continue with deletion - files can be cleaned up later');

    // Assess
    expect(stated).toBe(true);
  });

  it('takes a success answered to prevent enumeration', () => {
    // Act
    const stated = statesRecovery('// Still return success to prevent enumeration');

    // Assess
    expect(stated).toBe(true);
  });

  it('does not take a comment that only says what failed or hopes for a retry', () => {
    // Act
    const stated = statesRecovery(
      '// TODO: retry later, the sweep is not written yet // Profile fetch failed',
    );

    // Assess
    expect(stated).toBe(false);
  });
});
