// marksDoneAfter: whether, after an unread batch answer, the run writes the item's state as done (which
// takes it out of the next run's selection) or leaves it to be selected again.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { marksDoneAfter } from './marksDoneAfter.js';

/** marksDoneAfter at the call `send(...)` of the function `body` is the body of. */
function doneAfter(body: string): boolean {
  const text = `async function run(job) {\n${body}\n}`;
  const parsed = parseSync('m.ts', text, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  const ctx = new ModuleContext('m.ts', text, parsed.program as unknown as Node, parsed.comments);
  let sent: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (sent === undefined && n.type === 'CallExpression' && (n.callee as Node).name === 'send') sent = n;
    return true;
  });
  return marksDoneAfter(ctx, ctx.climb(sent as Node, (p) => p.type === 'AwaitExpression').node);
}

describe('marksDoneAfter', () => {
  it('finds a later awaited write of a done status, in the block or a block around it', () => {
    expect(doneAfter("await send(cmd);\nawait setJob(job.id, { status: 'complete' });")).toBe(true);
    expect(
      doneAfter("if (job.keys.length) {\n  await send(cmd);\n}\nawait mark({ id: job.id, state: 'done' });"),
    ).toBe(true);
    // The object handed on inside another: `{ Item: { ...job, status: 'processed' } }`.
    expect(doneAfter("await send(cmd);\nawait db.put({ Item: { ...job, status: 'processed' } });")).toBe(
      true,
    );
  });

  it('leaves a status that keeps the item selected, one written before, or one not awaited', () => {
    expect(doneAfter("await send(cmd);\nawait setJob(job.id, { status: 'exporting' });")).toBe(false);
    expect(doneAfter("await setJob(job.id, { status: 'complete' });\nawait send(cmd);")).toBe(false);
    expect(doneAfter("await send(cmd);\nconst next = { status: 'complete' };")).toBe(false);
    // A done word under another key is not the job's state.
    expect(doneAfter("await send(cmd);\nawait log({ message: 'complete' });")).toBe(false);
    // Written only in a callback that runs at another time.
    // A log or audit write of the job, not an update or put of its record (review r58 item 6).
    expect(doneAfter("await send(cmd);\nawait audit({ job: job.id, status: 'success' });")).toBe(false);
    // An update that is not the selected record's, and CloudFormation's upper-case status.
    expect(doneAfter("await send(cmd);\nawait setJob(other.id, { status: 'complete' });")).toBe(false);
    expect(doneAfter("await send(cmd);\nawait setJob(job.id, { Status: 'SUCCESS' });")).toBe(false);
    expect(doneAfter("await send(cmd);\nawait later(() => setJob(job.id, { status: 'done' }));")).toBe(false);
  });
});
