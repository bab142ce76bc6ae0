// A `while (!flag)` loop whose flag is the awaited answer of a module function that turns its failure into
// `false` is a retry loop (retryFlagLoops.ts): judged for its bound and its delay like any other.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { flagLoopSite } from './retryFlagLoops.js';

const HANDLE = `async function handleMessage(fn, body, attempt) {
  try {
    await fn(JSON.parse(body));
    return true;
  } catch (error) {
    console.log(\`attempt \${attempt} failed\`, error);
    return false;
  }
}
`;

const site = (loop: string, helper = HANDLE) => {
  const ctx = contextOf(`${helper}export async function run(fn, event) {
  for (const record of event.Records) {
    let isSuccess = false;
    let attempt = 0;
    ${loop}
  }
}`);
  const found = [...ctx.of('WhileStatement'), ...ctx.of('DoWhileStatement')].map((l) => flagLoopSite(ctx, l));
  const s = found.find((f) => f !== undefined);
  return s === undefined
    ? undefined
    : { unbounded: s.unbounded !== undefined, noJitter: s.noJitter !== undefined };
};

describe('flagLoopSite', () => {
  it('reads the loop as an unbounded retry with no delay', () => {
    // Act
    const found = site(
      'while (!isSuccess) { attempt += 1; isSuccess = await handleMessage(fn, record.body, attempt); }',
    );

    // Assess
    expect(found).toEqual({ unbounded: true, noJitter: true });
  });

  it('takes a counter compared in the test and a jittered sleep as bounded and jittered', () => {
    // Act
    const found = site(
      'while (!isSuccess && attempt < 3) { attempt += 1; isSuccess = await handleMessage(fn, record.body, attempt); if (!isSuccess) await sleep(100 * 2 ** attempt + Math.random() * 100); }',
    );

    // Assess
    expect(found).toEqual({ unbounded: false, noJitter: false });
  });

  it('is no retry when the called function rethrows its failure', () => {
    // Prepare
    const rethrows = HANDLE.replace('return false;', 'throw error;');

    // Act
    const found = site(
      'while (!isSuccess) { isSuccess = await handleMessage(fn, record.body, attempt); }',
      rethrows,
    );

    // Assess
    expect(found).toBeUndefined();
  });
});
