// `npm run demo`: what Bulwark does for one outbound dependency, shown against a real local server
// that misbehaves on cue. Each scene prints what the payments server saw and what the caller got.
import { Logger } from '@aws-lambda-powertools/logger';
import { classify } from '@bulwark/errors';
import { httpHandler, sqsHandler } from '@bulwark/lambda';
import { wrapDependency } from '@bulwark/policies';
import { type FaultServerStep, lambdaContext, sqsEvent, sqsRecord, startFaultServer } from '@bulwark/testing';
import type { Context } from 'aws-lambda';

// Structured logs are what you would ship; `npm run demo -- --logs` shows them, the default keeps the story short.
const logger = new Logger({
  serviceName: 'orders',
  logLevel: process.argv.includes('--logs') ? 'INFO' : 'SILENT',
});

let phase: 'flaky' | 'outage' | 'healthy' = 'flaky';
let flakyHits = 0;
const payments = await startFaultServer((): FaultServerStep => {
  if (phase === 'outage') return 'reset';
  if (phase === 'flaky' && flakyHits++ < 2) return { status: 503, headers: { 'retry-after': '0' } };
  return { status: 200, headers: { 'content-type': 'application/json' }, body: { charged: true } };
});

const dep = wrapDependency('payments', {
  timeout: { attemptMs: 500, totalMs: 3_000 },
  retry: { maxAttempts: 3, backoff: { initialDelayMs: 20, maxDelayMs: 200 } },
  breaker: { kind: 'consecutive', threshold: 3, halfOpenAfterMs: 300 },
  logger: false,
});
dep.onRetry((e) =>
  say(`  retry   attempt ${e.attempt} failed (${e.classification.reason}), next in ${e.delayMs} ms`),
);
dep.onBreak((e) => say(`  breaker OPEN for ${e.retryAfterMs} ms`));
dep.onHalfOpen(() => say('  breaker half-open: one probe may pass'));
dep.onReset(() => say('  breaker closed again'));

const charge = async (orderId: string) => {
  const res = await dep.fetch(`${payments.url}/charge/${orderId}`, { method: 'POST' });
  return (await res.json()) as { charged: boolean };
};

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function attempt(label: string, fn: () => Promise<unknown>): Promise<void> {
  const before = payments.hits;
  const started = performance.now();
  try {
    const value = await fn();
    say(`  ${label}: ok ${JSON.stringify(value)}`);
  } catch (error) {
    const c = classify(error);
    say(`  ${label}: ${c.kind} (${c.reason}) -> our caller would see ${c.httpStatus}`);
  }
  const ms = (performance.now() - started).toFixed(1);
  say(`    (${payments.hits - before} request(s) reached payments, ${ms} ms)`);
}

say(`Bulwark demo: orders -> payments at ${payments.url}\n`);

say('1. Payments answers 503 twice, then 200: retried with jittered backoff, the caller sees success.');
await attempt('charge order-1', () => charge('order-1'));

say(
  '\n2. Payments resets every connection: retries are bounded, then the breaker opens and calls fail fast.',
);
phase = 'outage';
for (const id of ['order-2', 'order-3', 'order-4']) await attempt(`charge ${id}`, () => charge(id));
say(`  state: ${dep.state}`);

say('\n3. An HTTP API in front of it answers 503 problem+json with Retry-After, never a stack trace.');
const api = httpHandler(async () => ({ statusCode: 200, body: await charge('order-5') }), { logger });
const res = await api(
  {
    version: '2.0',
    routeKey: 'POST /orders',
    rawPath: '/orders',
    rawQueryString: '',
    headers: { 'x-correlation-id': 'demo-1' },
    requestContext: { http: { method: 'POST', path: '/orders' }, requestId: 'r-1' },
    isBase64Encoded: false,
  } as never,
  lambdaContext({ remainingMs: 3_000 }) as Context,
);
say(`  ${JSON.stringify(res)}`);

say('\n4. An SQS batch while payments is down: each failure is reported, nothing is lost.');
const consumer = sqsHandler<{ orderId: string }>(async (_record, ctx) => charge(ctx.body.orderId), {
  onPermanentFailure: 'report',
  throwOnFullBatchFailure: false,
  logger,
});
const batch = sqsEvent([
  sqsRecord({ messageId: 'm-1', body: JSON.stringify({ orderId: 'order-6' }) }),
  sqsRecord({ messageId: 'm-2', body: '{ not json' }),
  sqsRecord({ messageId: 'm-3', body: JSON.stringify({ orderId: 'order-7' }) }),
]);
const outcome = await consumer(batch, lambdaContext({ remainingMs: 10_000 }) as Context);
say(`  batchItemFailures: ${JSON.stringify(outcome)}`);

say('\n5. Payments recovers: after halfOpenAfterMs one probe goes through and the breaker closes.');
phase = 'healthy';
await new Promise((resolve) => setTimeout(resolve, 350));
await attempt('charge order-8', () => charge('order-8'));
say(`  state: ${dep.state}; stats: ${JSON.stringify(dep.stats())}`);

await payments.close();
