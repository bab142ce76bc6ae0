// At-least-once chaos: 2,000 messages through repeated invocations of one sqsHandler, with seeded transient
// faults, every reported failure redelivered, duplicates delivered on purpose (across batches and inside one),
// invocations cut off mid-batch (a crash: no response, the whole batch comes back after the visibility
// timeout) and batches cut short by the deadline guard. At the end a ledger must show every message's side
// effect applied exactly once and none lost.
//
// Persistence: the real Powertools idempotency flow (makeIdempotent, BasePersistenceLayer hashing and expiry)
// over an in-memory store with DynamoDB's conditional-put rule (support/InMemoryPersistenceLayer.ts), to keep
// the run fast; the DynamoDB layer itself is exercised against dynalite in idempotency.test.ts.
//
// Time: vitest fake timers. Simulated work moves the clock (Date) forward; timers are never run, so an
// abandoned invocation's deadline timers stay inert, as a frozen Lambda's would.

import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { DependencyDownError, TransientError } from '@bulwark/errors';
import { sqsHandler } from '@bulwark/lambda';
import { lambdaContext, mulberry32, sqsRecord } from '@bulwark/testing';
import type { SQSRecord } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CapturingLogger } from '../../packages/lambda/src/__support__/CapturingLogger.js';
import { InMemoryPersistenceLayer } from './support/InMemoryPersistenceLayer.js';

type Plan = 'ok' | 'transient' | 'down' | 'credentials' | 'forbidden' | 'crash';

interface Message {
  readonly id: string;
  readonly body: string;
  receiveCount: number;
}

interface ChaosResult {
  readonly ledger: Map<string, number>;
  readonly acked: Set<string>;
  readonly stats: Readonly<Record<StatName, number>>;
  readonly leftInQueue: number;
}

const MESSAGES = 2_000;

type StatName =
  | 'invocations'
  | 'crashes'
  | 'transientFaults'
  | 'downFaults'
  | 'ourFaults'
  | 'duplicatesSent'
  | 'inBatchDuplicates'
  | 'reported'
  | 'fullBatchFailures'
  | 'skippedByDeadline'
  | 'duplicatesAnswered';

/** ourFailures: add failures of our own credentials and permissions, under onPermanentFailure 'acknowledge'. */
async function runChaos(seed: number, idempotent: boolean, ourFailures = false): Promise<ChaosResult> {
  const rand = mulberry32(seed);
  const chance = (p: number) => rand() < p;
  const ledger = new Map<string, number>();
  const acked = new Set<string>();
  const duplicated = new Set<string>();
  const stats: Record<StatName, number> = {
    invocations: 0,
    crashes: 0,
    transientFaults: 0,
    downFaults: 0,
    ourFaults: 0,
    duplicatesSent: 0,
    inBatchDuplicates: 0,
    reported: 0,
    fullBatchFailures: 0,
    skippedByDeadline: 0,
    duplicatesAnswered: 0,
  };
  const queue: Message[] = Array.from({ length: MESSAGES }, (_, i) => {
    const id = `m${String(i).padStart(4, '0')}`;
    return { id, body: JSON.stringify({ id, amount: i }), receiveCount: 0 };
  });

  let plans = new Map<SQSRecord, Plan>();
  let crashed: (() => void) | undefined;
  const logger = new CapturingLogger();

  const handler = sqsHandler<{ id: string }>(
    async (record, { body }) => {
      vi.setSystemTime(Date.now() + 50 + Math.floor(rand() * 250)); // the record's work takes time
      switch (plans.get(record)) {
        case 'crash':
          crashed?.();
          return new Promise(() => undefined); // the process dies here, before the side effect
        case 'transient':
          throw new TransientError('ledger service answered 503', { dependency: 'ledger', status: 503 });
        case 'down':
          throw new DependencyDownError('ledger circuit open', { dependency: 'ledger' });
        case 'credentials':
          // An STS outage: the SDK's credential chain fails before any request is sent.
          throw Object.assign(new Error('Could not load credentials from any providers'), {
            name: 'CredentialsProviderError',
          });
        case 'forbidden':
          // An IAM mistake in a deploy: the service refuses every call.
          throw Object.assign(new Error('User is not authorized to perform: dynamodb:PutItem'), {
            name: 'AccessDeniedException',
            $fault: 'client',
            $metadata: { httpStatusCode: 400 },
          });
        default:
          ledger.set(body.id, (ledger.get(body.id) ?? 0) + 1);
          return { applied: body.id };
      }
    },
    {
      logger,
      deadline: { safetyMarginMs: 500 },
      ...(ourFailures ? { onPermanentFailure: 'acknowledge' as const } : {}),
      ...(idempotent
        ? { idempotency: { persistenceStore: new InMemoryPersistenceLayer(), keyPrefix: 'chaos' } }
        : {}),
    },
  );

  for (let guard = 0; queue.length > 0; guard++) {
    if (guard > 50_000) throw new Error(`chaos did not drain: ${queue.length} messages left`);
    stats.invocations++;
    vi.setSystemTime(Date.now() + Math.floor(rand() * 2_000)); // time between polls

    // Prepare one delivery: up to 10 messages, sometimes one of them twice.
    const size = 1 + Math.floor(rand() * 10);
    const taken = queue.splice(0, size);
    for (const m of taken) m.receiveCount++;
    const delivered = [...taken];
    if (delivered.length > 1 && chance(0.03)) {
      delivered.push(delivered[0] as Message);
      stats.inBatchDuplicates++;
    }
    const records = delivered.map((m) =>
      sqsRecord({ messageId: m.id, body: m.body, receiveCount: m.receiveCount }),
    );
    plans = new Map(
      records.map((r) => {
        const roll = rand();
        let plan: Plan = roll < 0.12 ? 'transient' : roll < 0.15 ? 'down' : 'ok';
        if (ourFailures && plan === 'ok' && roll < 0.21) plan = roll < 0.18 ? 'credentials' : 'forbidden';
        if (plan === 'transient') stats.transientFaults++;
        if (plan === 'down') stats.downFaults++;
        if (plan === 'credentials' || plan === 'forbidden') stats.ourFaults++;
        return [r, plan];
      }),
    );
    if (chance(0.04)) {
      const victim = records[Math.floor(rand() * records.length)] as SQSRecord;
      plans.set(victim, 'crash');
    }
    const context = lambdaContext({ remainingMs: 800 + Math.floor(rand() * 3_200) });

    // Act: invoke; a crash means no response at all.
    const { promise: crash, resolve } = Promise.withResolvers<'crash'>();
    crashed = () => resolve('crash');
    const invocation = handler({ Records: records }, context);
    invocation.catch(() => undefined);
    let outcome: { batchItemFailures: { itemIdentifier: string }[] } | 'crash' | 'full-failure';
    try {
      outcome = await Promise.race([invocation, crash]);
    } catch (error) {
      if (!(error instanceof FullBatchFailureError)) throw error;
      outcome = 'full-failure';
    }

    if (outcome === 'crash' || outcome === 'full-failure') {
      // The whole batch comes back after the visibility timeout (successes included).
      if (outcome === 'crash') stats.crashes++;
      else stats.fullBatchFailures++;
      vi.setSystemTime(Date.now() + 5_000);
      queue.push(...taken);
      continue;
    }
    const failed = new Set(outcome.batchItemFailures.map((f) => f.itemIdentifier));
    stats.reported += failed.size;
    for (const m of taken) {
      if (failed.has(m.id)) {
        queue.push(m);
        continue;
      }
      acked.add(m.id);
      if (!duplicated.has(m.id) && chance(0.08)) {
        // SQS delivers at least once: the same message again, later.
        duplicated.add(m.id);
        stats.duplicatesSent++;
        queue.splice(Math.floor(rand() * (queue.length + 1)), 0, { ...m, receiveCount: m.receiveCount });
      }
    }
  }

  for (const line of logger.find('SQS batch summary')) {
    const batch = line.batch as { skipped: { deadline: number }; duplicates: number };
    stats.skippedByDeadline += batch.skipped.deadline;
    stats.duplicatesAnswered += batch.duplicates;
  }
  return { ledger, acked, stats, leftInQueue: queue.length };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('sqsHandler at-least-once chaos', () => {
  it('applies each of 2,000 messages exactly once and loses none, through faults, duplicates and crashes', async () => {
    // Prepare
    vi.useFakeTimers({ now: Date.parse('2026-11-23T00:00:00Z') });
    // Act
    const { ledger, acked, stats, leftInQueue } = await runChaos(20261123, true);
    // Assess: the chaos really happened...
    expect(stats.crashes).toBeGreaterThan(5);
    expect(stats.transientFaults).toBeGreaterThan(100);
    expect(stats.downFaults).toBeGreaterThan(20);
    expect(stats.duplicatesSent).toBeGreaterThan(50);
    expect(stats.inBatchDuplicates).toBeGreaterThan(0);
    expect(stats.skippedByDeadline).toBeGreaterThan(0);
    expect(stats.duplicatesAnswered).toBeGreaterThan(stats.duplicatesSent / 2);
    // ...and the ledger holds: every message once, none lost.
    expect(leftInQueue).toBe(0);
    expect(acked.size).toBe(MESSAGES);
    expect(ledger.size).toBe(MESSAGES);
    const notOnce = [...ledger].filter(([, count]) => count !== 1);
    expect(notOnce).toEqual([]);
  });

  it("loses none through credentials and permissions failures with onPermanentFailure 'acknowledge'", async () => {
    // Prepare
    vi.useFakeTimers({ now: Date.parse('2026-11-23T00:00:00Z') });
    // Act
    const { ledger, acked, stats, leftInQueue } = await runChaos(20261201, true, true);
    // Assess: the failures of our own happened often, and acknowledge deleted none of them
    expect(stats.ourFaults).toBeGreaterThan(100);
    expect(leftInQueue).toBe(0);
    expect(acked.size).toBe(MESSAGES);
    expect(ledger.size).toBe(MESSAGES);
    expect([...ledger].filter(([, count]) => count !== 1)).toEqual([]);
  });

  it('is a test that can fail: without idempotency the same chaos applies some messages twice', async () => {
    // Prepare
    vi.useFakeTimers({ now: Date.parse('2026-11-23T00:00:00Z') });
    // Act
    const { ledger, acked } = await runChaos(20261123, false);
    // Assess: still none lost (at-least-once), but not exactly once
    expect(acked.size).toBe(MESSAGES);
    expect(ledger.size).toBe(MESSAGES);
    expect([...ledger.values()].some((count) => count > 1)).toBe(true);
  });
});
