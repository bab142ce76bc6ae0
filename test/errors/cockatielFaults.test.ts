// cockatiel's own errors, thrown by its real policies, classified structurally.
import { classify } from '@bulwark/errors';
import { describe, it } from 'vitest';
import { cockatielRows } from './cockatielFaults.rows.js';
import { expectClassification, failureOf } from './FaultRow.js';

describe('fault matrix: cockatiel policies', () => {
  it.each(cockatielRows())('$name', async ({ make, expected }) => {
    // Prepare + Act
    const failure = await failureOf(make);
    // Assess
    expectClassification(classify(failure), expected);
  });
});
