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
    (words.includes('async') &&
      (FLOATING_SHAPES.some((w) => words.includes(w)) ||
        ASYNC_LISTENER.test(words.source) ||
        bareProjectCall(words.source) ||
        bareLocalAsyncCall(words.source))) ||
    // A NestJS route answering with an object literal, which may hold a service's pending promise
    // (rules/routeAnswerPromises.ts); the controller calls no I/O itself, so nothing else admits it.
    (words.includes('@Controller') && ROUTE_ANSWER.test(words.source))
  );
}

/** A route returning an object literal (`return {`), the shape rules/routeAnswerPromises.ts reads. */
const ROUTE_ANSWER = /\breturn\s*\{/;

// `import { a, b as c } from './x'`, `import d from '../x'`, `const { a } = require('./x')`: a project module's names.
const PROJECT_IMPORT =
  /\bimport\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*['"]\.|\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*['"]\./g;

/**
 * A statement that is only a call of a function imported from a project module (`logMetric('Usage', 1)` of
 * `import { logMetric } from './cloudwatch'`): it floats when that function is async and a handler reaches
 * the module (rules/floating.ts asks the project pass, onlyIfImportAsync). A helper module with nothing else
 * the gate knows (no catch, no client) was never parsed, so the handler's path lost it there while the same
 * call in the handler's own module was found.
 *
 * @example
 * bareProjectCall("import { logMetric } from './cloudwatch';\n  logMetric('Usage', 1);") // true
 */
export function bareProjectCall(source: string): boolean {
  if (!source.includes("'.") && !source.includes('".')) return false;
  const names: string[] = [];
  for (const m of source.matchAll(PROJECT_IMPORT))
    for (const list of [m[1], m[2], m[3]])
      for (const part of list?.split(',') ?? []) {
        const local = /(\w+)\s*$/.exec(part.trim())?.[1];
        if (local !== undefined) names.push(local);
      }
  if (names.length === 0) return false;
  return new RegExp(`^[ \\t]*(?:${names.join('|')})\\(`, 'm').test(source);
}

// `const callFn = async () => ...`, `async function poll()`: the module's own async functions, by name.
const LOCAL_ASYNC = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*async\b|\basync\s+function\s*([\w$]+)/g;

/**
 * A statement that is only a call of an async function of the module itself (`callFn();` of `const callFn
 * = async () => { await fn(); ... }`, a pacing helper's loop started inside a `new Promise` executor): the
 * promise floats whatever the function awaits, yet a helper module with no I/O word of its own (the work
 * is a function handed in) was never parsed, so the handler awaiting the helper lost it.
 *
 * @example
 * bareLocalAsyncCall('const callFn = async () => { await fn(); };\n    callFn();') // true
 */
export function bareLocalAsyncCall(source: string): boolean {
  const names: string[] = [];
  for (const m of source.matchAll(LOCAL_ASYNC)) {
    const name = m[1] ?? m[2];
    if (name !== undefined) names.push(name.replace(/\$/g, '\\$'));
  }
  if (names.length === 0) return false;
  return new RegExp(`^[ \\t]*(?:${names.join('|')})\\(`, 'm').test(source);
}
