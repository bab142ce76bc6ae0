// Runs one consumer (hardened or naive) through the fault script: the producer sends the orders while
// payments moves through its phases, Lambda instances poll the queue and invoke the handler with a
// timeout, reported failures come back after the visibility timeout, and (hardened) the probe runs on its
// schedule. Returns what happened, measured at the payments server, the queue and the handler.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { isFullBatchFailure } from '@bulwark/lambda';
import { type LocalDynamo, lambdaContext, type SsmEmulator } from '@bulwark/testing';
import type { SQSEvent } from 'aws-lambda';
import { BREAKER_PREFIX } from '../../orders-service/src/config.js';
import { createProbe } from '../../orders-service/src/probe.js';
import { type ConsumerInstance, demoLogger, hardenedInstance, naiveInstance } from './consumers.js';
import { startPaymentsServer } from './paymentsServer.js';
import { SimQueue } from './SimQueue.js';
import type { DemoSize, FaultScript, Phase } from './scenario.js';
import { DEMO_PROBE_TIMING } from './timing.js';

export type ConsumerKind = 'hardened' | 'naive';

/** What the live view shows, a few times a second. */
export interface Snapshot {
  readonly kind: ConsumerKind;
  readonly phase: Phase;
  readonly elapsedMs: number;
  readonly chargeRequests: number;
  readonly chargeRequestsWhileDown: number;
  readonly retries: number;
  /** Each instance's payments breaker (hardened), and the fleet state the probe wrote. */
  readonly breakers: readonly string[];
  readonly fleet: string;
  readonly invocations: number;
  readonly recordsReportedFailed: number;
  /** Invocations that threw or timed out: every record of the batch comes back. */
  readonly invocationsFailed: number;
  readonly invocationsTimedOut: number;
  readonly processed: number;
  readonly sent: number;
  readonly queued: number;
  readonly dlq: number;
}

/** The figures of one run. */
export interface RunResult extends Snapshot {
  readonly orders: number;
  /** Messages the redrive policy moved to the DLQ: not processed when the run ended. */
  readonly messagesLost: number;
  readonly ordersChargedTwice: number;
  readonly ordersNeverCharged: number;
  readonly handlerMs: { readonly p50: number; readonly p95: number; readonly max: number };
}

/** Where the run's local stand-ins are (shared by both runs, each with its own tables). */
export interface RunEnvironment {
  readonly dynamo: LocalDynamo;
  readonly ssm: SsmEmulator;
  readonly ssmClient: SSMClient;
  readonly verbose: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one consumer kind through the script.
 *
 * @example
 * ```ts
 * const result = await runScenario('hardened', script, SIZES.tiny, env, (s) => view.update(s));
 * ```
 */
export async function runScenario(
  kind: ConsumerKind,
  script: FaultScript,
  size: DemoSize,
  env: RunEnvironment,
  onSnapshot: (snapshot: Snapshot) => void,
): Promise<RunResult> {
  const started = performance.now();
  const now = () => performance.now() - started;
  const payments = await startPaymentsServer(script);
  const queue = new SimQueue({
    visibilityTimeoutMs: size.visibilityTimeoutMs,
    maxReceiveCount: size.maxReceiveCount,
    now,
  });
  const logger = demoLogger(env.verbose);
  const ordersTable = `orders-${kind}`;
  const idempotencyTable = `idempotency-${kind}`;
  await createOrdersTable(env.dynamo, ordersTable);
  await env.dynamo.createIdempotencyTable(idempotencyTable);
  const parameterName = `${BREAKER_PREFIX}payments`;
  env.ssm.reset();

  const instances: ConsumerInstance[] = Array.from({ length: size.instances }, () =>
    kind === 'hardened'
      ? hardenedInstance({
          paymentsUrl: payments.url,
          dynamo: env.dynamo,
          ssmClient: env.ssmClient,
          ordersTable,
          idempotencyTable,
          logger,
        })
      : naiveInstance({ paymentsUrl: payments.url, dynamo: env.dynamo, ordersTable }),
  );

  const { phaseMs } = size;
  const downEndsAt = phaseMs.healthy + phaseMs.degraded + phaseMs.down;
  const phaseAt = (t: number): Phase =>
    t < phaseMs.healthy
      ? 'healthy'
      : t < phaseMs.healthy + phaseMs.degraded
        ? 'degraded'
        : t < downEndsAt
          ? 'down'
          : 'recovering';

  // The producer: orders spread evenly over the first three phases; some sent twice, 300 ms apart.
  const sends = script.orders.flatMap((order, i) => {
    const at = (i / script.orders.length) * downEndsAt;
    const body = JSON.stringify({ orderId: order.orderId, amountCents: order.amountCents });
    return order.twice
      ? [
          { at, body },
          { at: at + 300, body },
        ]
      : [{ at, body }];
  });
  sends.sort((a, b) => a.at - b.at);
  let sent = 0;

  const handlerMs: number[] = [];
  let invocations = 0;
  let recordsReportedFailed = 0;
  let invocationsFailed = 0;
  let invocationsTimedOut = 0;
  let processed = 0;
  let stopped = false;

  const invoke = async (instance: ConsumerInstance, event: SQSEvent): Promise<void> => {
    const context = lambdaContext({ remainingMs: size.lambdaTimeoutMs, functionName: `orders-${kind}` });
    const t0 = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Lambda ends an invocation at its timeout whatever the code is doing: the whole batch comes back.
    const outcome = await Promise.race([
      instance.handler(event, context).then(
        (response) => ({ failed: new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier)) }),
        // sqsHandler throws when every record failed (so the event source backs off): all were reported.
        (error: unknown) =>
          isFullBatchFailure(error)
            ? { failed: new Set(event.Records.map((r) => r.messageId)) }
            : ('error' as const),
      ),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), size.lambdaTimeoutMs);
      }),
    ]);
    clearTimeout(timer);
    handlerMs.push(performance.now() - t0);
    invocations++;
    if (outcome === 'timeout') invocationsTimedOut++;
    if (outcome === 'error' || outcome === 'timeout') {
      invocationsFailed++;
      return;
    }
    recordsReportedFailed += outcome.failed.size;
    const done = event.Records.map((r) => r.messageId).filter((id) => !outcome.failed.has(id));
    processed += done.length;
    queue.delete(done);
  };

  const poll = async (instance: ConsumerInstance): Promise<void> => {
    while (!stopped) {
      const event = queue.receive(size.batchSize);
      if (event.Records.length === 0) await sleep(20);
      else await invoke(instance, event);
    }
  };

  const probe =
    kind === 'hardened'
      ? createProbe({ paymentsUrl: payments.url, timing: DEMO_PROBE_TIMING, client: env.ssmClient, logger })
      : undefined;
  const probeLoop = async (): Promise<void> => {
    while (probe !== undefined && !stopped) {
      const next = now() + size.probeEveryMs;
      // A failed probe run is a missed verdict, as with a failed scheduled invocation: logged, and the next runs.
      await probe(undefined, lambdaContext({ remainingMs: 5_000 })).catch((error: unknown) => {
        logger.warn('probe run failed', { error });
      });
      await sleep(Math.max(0, next - now()));
    }
  };

  const snapshot = (): Snapshot => {
    const fleetText = env.ssm.value(parameterName);
    let fleet = kind === 'hardened' ? '-' : 'n/a';
    if (fleetText !== undefined) fleet = String((JSON.parse(fleetText) as { state?: unknown }).state);
    return {
      kind,
      phase: payments.phase,
      elapsedMs: now(),
      chargeRequests: payments.chargeRequests.total,
      chargeRequestsWhileDown: payments.chargeRequests.whileDown,
      retries: instances.reduce((n, i) => n + (i.payments?.stats().retries ?? i.naiveRetries()), 0),
      breakers: instances.map((i) => i.payments?.state ?? 'none'),
      fleet,
      invocations,
      recordsReportedFailed,
      invocationsFailed,
      invocationsTimedOut,
      processed,
      sent,
      queued: queue.depth,
      dlq: queue.dlqDepth,
    };
  };

  const pollers = instances.map((instance) => poll(instance));
  const probing = probeLoop();
  const recoveringEndsAt = downEndsAt + phaseMs.recovering;
  let nextSnapshot = 0;
  for (;;) {
    const t = now();
    payments.phase = phaseAt(t);
    while (sent < sends.length && (sends[sent]?.at ?? Infinity) <= t) queue.send(sends[sent++]?.body ?? '');
    if (t >= nextSnapshot) {
      onSnapshot(snapshot());
      nextSnapshot = t + 100;
    }
    const drained = sent === sends.length && queue.depth === 0;
    if ((payments.phase === 'recovering' && drained) || t >= recoveringEndsAt) break;
    await sleep(10);
  }
  stopped = true;
  await Promise.all([...pollers, probing]);
  const last = snapshot();
  onSnapshot(last);
  // Let handlers that Lambda "timed out" finish in the background before the server goes away.
  await sleep(50);
  await payments.close();

  const sorted = [...handlerMs].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  const chargeCounts = [...payments.charges.values()];
  return {
    ...last,
    orders: script.orders.length,
    messagesLost: queue.dlqDepth,
    ordersChargedTwice: chargeCounts.filter((n) => n > 1).length,
    ordersNeverCharged: script.orders.filter((o) => (payments.charges.get(o.orderId) ?? 0) === 0).length,
    handlerMs: { p50: at(0.5), p95: at(0.95), max: Math.round(sorted.at(-1) ?? 0) },
  };
}

async function createOrdersTable(dynamo: LocalDynamo, name: string): Promise<void> {
  const { CreateTableCommand } = await import('@aws-sdk/client-dynamodb');
  await dynamo.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
    }),
  );
}
