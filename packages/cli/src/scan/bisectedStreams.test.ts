import { describe, expect, it } from 'vitest';
import { bisectSuffices } from './bisectedStreams.js';
import type { HandlerFact, HandlerLink } from './js/ModuleFacts.js';

const link: HandlerLink = {
  stems: ['src/projector'],
  export: 'handler',
  clearWhen: 'reported-in-code',
  bisects: true,
};
const base: HandlerFact = { work: true, recordWork: true };

describe('bisectSuffices', () => {
  it.each([
    ['a handler whose failures throw out of it', { ...base, throwsForRecord: true as const }, link, true],
    ['a handler that swallows a failure (catch, allSettled, .catch)', base, link, false],
    [
      'a handler that answers item failures',
      { ...base, throwsForRecord: true as const, answersItems: true as const },
      link,
      false,
    ],
    [
      'a handler that hands its event on',
      { ...base, throwsForRecord: true as const, passesEvent: [{ source: './batch', name: 'run' }] },
      link,
      false,
    ],
    [
      'a source that does not bisect',
      { ...base, throwsForRecord: true as const },
      { ...link, bisects: undefined },
      false,
    ],
  ] as const)('%s: %s', (_name, fact, l, expected) => {
    expect(bisectSuffices(l as HandlerLink, fact as HandlerFact)).toBe(expected);
  });
});
