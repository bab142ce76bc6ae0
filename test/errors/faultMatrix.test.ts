// The fault matrix as a whole: how many rows, how many made for real, and the rows that need no server.
import { classify } from '@bulwark/errors';
import { describe, expect, it } from 'vitest';
import { awsSdkRows } from './awsSdkFaults.rows.js';
import { cockatielRows } from './cockatielFaults.rows.js';
import { expectClassification, failureOf } from './FaultRow.js';
import { shapedRows } from './shapedFaults.rows.js';
import { socketRows } from './socketFaults.rows.js';

describe('fault matrix', () => {
  it('has at least 40 rows, at least 15 of them made for real, with unique names', () => {
    // Prepare: the row tables (their `make` is not called here)
    const rows = [
      ...socketRows(() => {
        throw new Error('not started');
      }),
      ...awsSdkRows(),
      ...cockatielRows(),
      ...shapedRows(),
    ];
    // Act
    const real = rows.filter((row) => row.real).length;
    // Assess
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(real).toBeGreaterThanOrEqual(15);
    expect(new Set(rows.map((row) => row.name)).size).toBe(rows.length);
  });

  it.each(shapedRows())('$name', async ({ make, expected }) => {
    // Prepare + Act
    const failure = await failureOf(make);
    // Assess
    expectClassification(classify(failure), expected);
  });
});
