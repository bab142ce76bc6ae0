import { describe, expect, it } from 'vitest';
import { calleeName, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { chainSaysWhy, loggedChainDecided } from './chainDecision.js';

/** The lines of `source`'s `.catch(...)` calls that `decided` answers true for. */
function decidedLines(
  source: string,
  decided: (ctx: ReturnType<typeof contextOf>, call: Node) => boolean,
): number[] {
  const ctx = contextOf(source, 'route.js');
  return ctx
    .of('CallExpression')
    .filter((call) => calleeName(call) === 'catch' && decided(ctx, call))
    .map((call) => ctx.position(call.start as number).line);
}

const logged = (ctx: ReturnType<typeof contextOf>, call: Node) =>
  loggedChainDecided(ctx, call, (call.arguments[0] as Node).body as Node);

describe('loggedChainDecided', () => {
  it('takes a decision stated above the statement, inside the handler or in its log line, after committed work', () => {
    const source = `async function review(id) {
  await recordSuggestions(id);
  // The old ones age out on their TTL.
  // Non-fatal: the new suggestions are already recorded,
  // so nothing waits for this.
  if (id) {
    await supersedePrior(id).catch((err) => logger.warn('could not supersede', err));
  }
  await enqueueCatchup(id).catch((err) => logger.warn('enqueue failed (non-fatal)', err));
  await registerWebhook(id).catch((err) =>
    // Best effort: an operator can register it by hand.
    console.error('register failed', err));
}`;
    expect(decidedLines(source, logged)).toEqual([7, 9, 10]);
  });

  it('leaves a chain that is the first work, one whose stand-in is read, and one with no decision', () => {
    const source = `async function order(id) {
  const item = await getOrder(id);
  // Non-fatal: the client resubmits.
  await publishOrder(item).catch((err) => logger.warn('publish failed', err));
  const report = await loadReport(id).catch((err) => logger.warn('read failed (non-fatal)', err));
  // Tell the owner.
  await notifyOwner(id).catch((err) => logger.error('notify failed', err));
  await storeReport(report);
}`;
    expect(decidedLines(source, logged)).toEqual([]);
  });

  it('reads a void chain as dropped, and a comment that only says what the call does as no decision', () => {
    const source = `async function touch(id) {
  await save(id);
  void markSeen(id).catch((err) => logger.warn('mark failed, best effort', err));
  await audit(id).catch((err) => logger.warn('audit failed', err)); // write the audit row
}`;
    expect(decidedLines(source, logged)).toEqual([3]);
  });
});

describe('chainSaysWhy', () => {
  it('reads a comment block whole when it reaches the two lines above the statement, not a trailing comment above it', () => {
    const source = `async function clean(id) {
  // Best effort: the row expires on its own.
  // The delete below only saves space.
  if (id) {
    await del(id).catch(() => {});
  }
  await save(id); // best effort
  // Drop the temporary row.
  // Nothing reads it after the save.
  await drop(id).catch(() => {});
  await unlink(id).catch(() => {}); // ignore cleanup errors
}`;
    expect(decidedLines(source, chainSaysWhy)).toEqual([5, 11]);
  });
});
