import { describe, expect, it } from 'vitest';
import { checkDependencyName, MAX_DEPENDENCY_NAME_LENGTH } from './dependencyName.js';

describe('checkDependencyName', () => {
  it.each(['edna', 'ledger-api', 'payments_v2', 'orders.eu-west-1', '_internal', '9lives', 'x'.repeat(128)])(
    'accepts %s',
    (name) => {
      expect(checkDependencyName('wrapDependency', 'name', name)).toBe(name);
    },
  );

  it.each([
    ['empty', ''],
    ['129 characters', 'x'.repeat(MAX_DEPENDENCY_NAME_LENGTH + 1)],
    ['5,000 characters', 'x'.repeat(5_000)],
    ['a newline', 'edna\nlevel=ERROR'],
    ['a slash (an SSM path)', 'ed/na'],
    ['a space', 'edna api'],
    ['a leading dot', '.edna'],
    ['a leading dash', '-edna'],
    ['a colon', 'svc:edna'],
    ['non-ASCII', 'édna'],
    ['a number', 42],
    ['undefined', undefined],
  ])('refuses %s, naming owner and field, with the value cut', (_label, name) => {
    // Act
    let message = '';
    try {
      checkDependencyName('wrapDependency', 'name', name);
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(TypeError);
      message = (error as Error).message;
    }

    // Assess
    expect(message).toMatch(/^wrapDependency: name must be 1-128 characters/);
    expect(message.length).toBeLessThan(250);
    expect(message).not.toContain('\n');
  });
});
