// The gate's test for promises a helper module may leave floating in shapes no call name shows
// (rules/floatingShapes.ts, rules/asyncPredicate.ts, rules/asyncListeners.ts): kept beside ruleGate.ts, which
// asks it, so each shape's words sit with the reason the module must be parsed for it.
import { LISTENER_EVENTS, LISTENER_METHODS } from './rules/asyncListeners.js';
import type { SourceWords } from './SourceWords.js';

// `.every(` and its kin: an async predicate callback, inline or a local one by name (rules/asyncPredicate.ts).
const FLOATING_SHAPES = [
  'emit(',
  'map(async',
  'forEach(async',
  'Promise.all',
  'Promise.race',
  'Promise.any',
].concat(['.every(', '.some(', '.filter(', '.find']);

// The exact subscription rules/asyncListeners.ts reports, so no module is parsed for it that it cannot fire on.
const ASYNC_LISTENER = new RegExp(
  `\\.(?:${LISTENER_METHODS.join('|')})\\(\\s*['"\`](?:${LISTENER_EVENTS.join('|')})['"\`]\\s*,\\s*async\\b`,
);

/**
 * Might the module leave a promise floating in one of those shapes? (a text test before any parse)
 *
 * @example
 * floatingShapes(SourceWords.of("s.on('end', async () => { await save(); })")) // true
 */
export function floatingShapes(words: SourceWords): boolean {
  return (
    words.includes('async') &&
    (FLOATING_SHAPES.some((w) => words.includes(w)) || ASYNC_LISTENER.test(words.source))
  );
}
