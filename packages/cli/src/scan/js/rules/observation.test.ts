// Which catch statements count as only observing the error (isObservation): a levelled log line through a
// logger object of the project's own naming (`jsonLogger.error`) is one, as `logger.error` is.
import { describe, expect, it } from 'vitest';
import { firstOfType } from '../testing/parsed.js';
import { isObservation } from './catchFacts.js';

/** isObservation of the one statement in the catch of `try { await f() } catch (e) { <statement> }`. */
function observes(statement: string): boolean {
  const handler = firstOfType(`try { await f() } catch (e) { ${statement} }`, 'CatchClause');
  return isObservation((handler.body.body as unknown[])[0] as Parameters<typeof isObservation>[0]);
}

describe('isObservation', () => {
  it.each([
    ['logger.error(e)', true],
    ["jsonLogger.error({ function: 'h', message: e.message })", true],
    ['serviceLogger.warn({ e }, "skipping")', true],
    ['catalog.error(e)', false],
    ['jsonLogger.flush(e)', false],
    ['await queue.send(e)', false],
  ])('%s -> %s', (statement, expected) => {
    expect(observes(statement)).toBe(expected);
  });
});
