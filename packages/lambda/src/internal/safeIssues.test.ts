import { describe, expect, it } from 'vitest';
import { loggableIssues } from './safeIssues.js';

describe('loggableIssues', () => {
  it('keeps path and message of each issue, redacted', () => {
    // Arrange
    const error = { issues: [{ path: 'card', message: 'token=s3cr3t is not a card', code: 'x' }] };

    // Act
    const issues = loggableIssues(error);

    // Assess
    expect(issues).toHaveLength(1);
    expect(issues?.[0]?.path).toBe('card');
    expect(issues?.[0]?.message).not.toContain('s3cr3t');
    expect(issues?.[0]?.message).toMatch(/^token=.+ is not a card$/);
    expect(Object.keys(issues?.[0] ?? {})).toEqual(['path', 'message']);
  });

  it('keeps the first 20 issues only', () => {
    // Arrange
    const error = { issues: Array.from({ length: 25 }, (_, i) => ({ path: `f${i}`, message: 'bad' })) };

    // Act
    const issues = loggableIssues(error);

    // Assess
    expect(issues).toHaveLength(20);
    expect(issues?.[19]?.path).toBe('f19');
  });

  it('turns a missing issue into empty texts instead of losing the others', () => {
    // Act
    const issues = loggableIssues({ issues: [null, { path: 'id', message: 'Required' }] });

    // Assess
    expect(issues).toEqual([
      { path: '', message: '' },
      { path: 'id', message: 'Required' },
    ]);
  });

  it.each([
    ['no issues', new Error('x')],
    ['issues that are not an array, even with slice and map', { issues: new Uint8Array(2) }],
    [
      'issues behind a throwing getter',
      {
        get issues() {
          throw new Error('hostile');
        },
      },
    ],
  ])('is undefined for %s', (_, error) => {
    expect(loggableIssues(error)).toBeUndefined();
  });
});
