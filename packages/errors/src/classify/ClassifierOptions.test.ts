// The documented defaults and the DEFAULT_ constant must agree (the drift Powertools shipped once).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFIER_OPTIONS } from './ClassifierOptions.js';

const source = readFileSync(new URL('./ClassifierOptions.ts', import.meta.url), 'utf8');

function documentedDefault(field: string): string {
  const match = new RegExp(`@defaultValue ([^\\n]+)\\n\\s*\\*/\\n\\s*readonly ${field}\\?`).exec(source);
  if (match?.[1] === undefined) throw new Error(`no @defaultValue documented for ${field}`);
  return match[1].trim();
}

describe('DEFAULT_CLASSIFIER_OPTIONS', () => {
  it.each([
    ['maxRetryAfterMs', DEFAULT_CLASSIFIER_OPTIONS.maxRetryAfterMs],
    ['maxDepth', DEFAULT_CLASSIFIER_OPTIONS.maxDepth],
  ])('documents %s as it is', (field, value) => {
    // Act
    const documented = documentedDefault(field).split(' ')[0]!.replaceAll('_', '');
    // Assess
    expect(Number(documented)).toBe(value);
  });

  it('documents the clock as Date.now', () => {
    // Assess
    expect(documentedDefault('now')).toBe('`Date.now`');
    const before = Date.now();
    expect(DEFAULT_CLASSIFIER_OPTIONS.now()).toBeGreaterThanOrEqual(before);
  });
});
