import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { untimedConstructedClients } from './constructedClients.js';

/** The lines untimedConstructedClients reports in `source`. */
function reported(source: string, file = 'm.ts'): number[] {
  const ctx = contextOf(source, file);
  const lines: number[] = [];
  untimedConstructedClients(ctx, (_rule, node) => lines.push(ctx.position(node.start as number).line));
  return lines;
}

describe('untimedConstructedClients: razorpay', () => {
  it('reports a client built from the default import and read', () => {
    const src = [
      "import Razorpay from 'razorpay';",
      "const rzp = new Razorpay({ key_id: 'k', key_secret: 's' });",
      'export const pay = (amount: number) => rzp.orders.create({ amount, currency: "INR" });',
    ].join('\n');
    expect(reported(src)).toEqual([2]);
  });

  it('reports a client built from a lazy require', () => {
    const src = [
      'let c;',
      'function client() {',
      "  const Gateway = require('razorpay');",
      "  c = new Gateway({ key_id: 'k', key_secret: 's' });",
      '  return c;',
      '}',
      'exports.refund = (id) => client().payments.refund(id, {});',
    ].join('\n');
    expect(reported(src, 'm.js')).toEqual([4]);
  });

  it('stays silent for a client nothing reads, a local class and options out of sight', () => {
    const src = [
      "import Razorpay from 'razorpay';",
      "import Local from './razorpay';",
      'import { options } from "./config";',
      "const spare = new Razorpay({ key_id: 'k', key_secret: 's' });",
      "const l = new Local({ key_id: 'k' });",
      'const r = new Razorpay(options);',
      'export const go = () => Promise.all([l.orders.create({}), r.orders.create({})]);',
    ].join('\n');
    expect(reported(src)).toEqual([]);
  });
});

describe('untimedConstructedClients: @upstash/redis', () => {
  it('reports a REST client built without a signal, not one with a signal or an ioredis client', () => {
    const src = [
      "import { Redis } from '@upstash/redis';",
      "import IORedis, { Redis as NamedRedis } from 'ioredis';",
      'const cache = new Redis({ url: process.env.KV_URL, token: process.env.KV_TOKEN });',
      'const timed = new Redis({ url: process.env.KV_URL, token: process.env.KV_TOKEN, signal: () => AbortSignal.timeout(2000) });',
      'const local = new IORedis(process.env.REDIS_URL);',
      'const named = new NamedRedis(process.env.REDIS_URL);',
      'export const get = async (k: string) => [await cache.get(k), await timed.get(k), await local.get(k), await named.get(k)];',
    ].join('\n');
    expect(reported(src)).toEqual([3]);
  });
});
