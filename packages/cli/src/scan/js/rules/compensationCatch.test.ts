import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { lostCompensation } from './compensationCatch.js';

/** The lines of `source`'s catches that lostCompensation reports, each judged in a `(req, res, next)` route. */
function reported(source: string): number[] {
  const ctx = contextOf(source, 'routes.js');
  const lines: number[] = [];
  for (const handler of ctx.of('CatchClause'))
    lostCompensation(ctx, handler, 'res', (_rule, node) => {
      lines.push(source.slice(0, node.start).split('\n').length);
    });
  return lines;
}

describe('lostCompensation', () => {
  it('reports a log-only catch around an awaited refund or rollback, nested or not', () => {
    const source = `const cancel = async (req, res) => {
  if (order.passId) {
    try { await refundCredit(order.passId); } catch (e) { console.error('refund failed', e.message); }
    order.passId = null;
  }
  try { order.refund = await payments.refundPayment(order); } catch (e) { logger.warn(e); }
  try { await rollbackReservation(order.id); } catch (e) { console.error(e); }
  return res.json({ ok: true });
};`;
    expect(reported(source)).toEqual([3, 6, 7]);
  });

  it('leaves a catch that records the failure, answers it, or hands it to next', () => {
    const source = `const cancel = async (req, res, next) => {
  try { order.refund = await refundPayment(order); } catch (e) { order.refund = { status: 'failed' }; }
  try { await refundPayment(order); } catch (e) { console.error(e); return res.status(502).json({}); }
  try { await refundPayment(order); } catch (e) { console.error(e); next(e); }
  return res.json({ ok: true });
};`;
    expect(reported(source)).toEqual([]);
  });

  it('leaves a try that answers itself (the route main work) and calls that undo nothing', () => {
    const source = `const refund = async (req, res) => {
  try { await ledger.refund(req.body.id); res.sendStatus(204); } catch (e) { console.error(e); }
  try { await sendReceipt(order); } catch (e) { console.warn(e); }
  try { await refundable(order); } catch (e) { console.warn(e); }
};`;
    expect(reported(source)).toEqual([]);
  });

  it("leaves a transaction's rollback() and undo/revert names, which are no compensation", () => {
    const source = `const unlike = async (req, res) => {
  try { await t.rollback(); } catch (e) { console.error('rollback failed', e); }
  try { await undoLike(req.params.id); } catch (e) { console.error(e); }
  try { await revertLike(req.params.id); } catch (e) { console.error(e); }
  return res.json({ ok: true });
};`;
    expect(reported(source)).toEqual([]);
  });
});
