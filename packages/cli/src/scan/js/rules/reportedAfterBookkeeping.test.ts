// failureStillReported: an inner catch around error bookkeeping is left alone only when the enclosing catch
// still hands the failure on (a throw, an answer, batchItemFailures, a list that reaches the answer or a
// throw, a callback); a list that only reaches a log line hands nothing on.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { failureStillReported } from './reportedAfterBookkeeping.js';

/** failureStillReported for the catch of `(b)` in a handler whose loop body is `body`. */
function stillReported(before: string, body: string, after: string): boolean {
  const source = `export const handler = async (event, context, callback) => {\n${before}\nfor (const r of event.Records) {\ntry { await save(r) } catch (error) {\n${body}\n}\n}\n${after}\n};`;
  const ctx = contextOf(source);
  const inner = ctx.of('CatchClause').find((c) => (c.param as Node | null)?.name === 'b') as Node;
  return failureStillReported(ctx, inner);
}

const MARK = 'try { await markError(r.id, String(error)) } catch (b) { log(b) }';

describe('failureStillReported', () => {
  it.each([
    ['rethrown after the mark', '', `${MARK} throw error;`, '', true],
    [
      'pushed onto batchItemFailures',
      'const response = { batchItemFailures: [] };',
      `${MARK} response.batchItemFailures.push({ itemIdentifier: r.id });`,
      'return response;',
      true,
    ],
    [
      'pushed onto a list answered as batchItemFailures',
      'const failures = [];',
      `${MARK} failures.push({ itemIdentifier: r.id });`,
      'return { batchItemFailures: failures };',
      true,
    ],
    [
      'pushed onto a list the handler throws on',
      'const errors = [];',
      `${MARK} errors.push(r.id);`,
      "if (errors.length) throw new Error('failed');",
      true,
    ],
    ['handed to the callback', '', `${MARK} callback(error);`, '', true],
    [
      'pushed onto a list that only reaches a log',
      'const errors = [];',
      `${MARK} errors.push(r.id);`,
      "logger.info('done', { errors });",
      false,
    ],
    [
      'a list thrown on only under a further condition',
      'const errors = [];',
      `${MARK} errors.push(r.id);`,
      "if (errors.length) { if (strict) throw new Error('failed'); }",
      false,
    ],
    ['only logged', '', `${MARK} log(error);`, '', false],
  ])('%s', (_, before, body, after, expected) => {
    expect(stillReported(before, body, after)).toBe(expected);
  });
});
