import { describe, expect, it } from 'vitest';
import type { RecogniserContext } from '../Verdict.js';
import { recogniseValidation } from './validation.js';

const NOW = Date.parse('Wed, 21 Oct 2026 07:28:00 GMT');
const context: RecogniserContext = { now: () => NOW, maxRetryAfterMs: 120_000 };

describe('recogniseValidation', () => {
  it.each([
    [
      'a zod-shaped ZodError',
      Object.assign(new Error('[]'), { name: 'ZodError', issues: [{ message: 'Required', path: ['id'] }] }),
      'ZodError',
    ],
    [
      'a Standard Schema result',
      { issues: [{ message: 'Expected number' }, { message: 'Too long' }] },
      'ValidationIssues',
    ],
  ])('%s is invalid input', (_label, error, code) => {
    // Act + Assess
    expect(recogniseValidation(error, context)).toMatchObject({
      kind: 'permanent',
      reason: 'invalid-input',
      code,
    });
  });

  it('says how many issues, never what they say', () => {
    // Prepare
    const error = { issues: [{ message: 'password "hunter2" is too short' }, { message: 'x' }] };
    // Act
    const verdict = recogniseValidation(error, context);
    // Assess
    expect(verdict?.message).toBe('the input failed validation (2 issues)');
  });

  it.each([
    ['an empty issue list', { issues: [] }],
    ['issues without messages', { issues: [{ code: 1 }] }],
    ['issues that are not a list', { issues: 'many' }],
  ])('leaves %s alone', (_label, error) => {
    // Act + Assess
    expect(recogniseValidation(error, context)).toBeUndefined();
  });
});

describe('recogniseValidation: the exact verdict', () => {
  it.each([
    [
      { name: 'ZodError', issues: [{ message: 'Required' }] },
      'ZodError',
      'the input failed validation (1 issue)',
    ],
    [
      { issues: [{ message: 'a' }, { message: 'b' }, { message: 'c' }] },
      'ValidationIssues',
      'the input failed validation (3 issues)',
    ],
  ])('%o', (error, code, message) => {
    // Act + Assess
    expect(recogniseValidation(error, context)).toEqual({
      kind: 'permanent',
      reason: 'invalid-input',
      code,
      message,
    });
  });

  it.each([
    ['an empty issues list', { issues: [] }],
    ['issues that are not a list', { issues: { message: 'x' } }],
  ])('leaves %s alone', (_label, error) => {
    // Act + Assess
    expect(recogniseValidation(error, context)).toBeUndefined();
  });
});
