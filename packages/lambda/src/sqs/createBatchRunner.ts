// The engine behind sqsHandler and the middy middleware: Powertools processPartialResponse does the partial
// batch response and FIFO grouping; around each record this adds the deadline guard, the breaker-aware skip,
// body parsing and validation, idempotency, classification and the permanent-failure policy.

import {
  BatchProcessor,
  EventType,
  FullBatchFailureError,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import type { Logger } from '@aws-lambda-powertools/logger';
import { type Classification, TransientError } from '@bulwark/errors';
import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { DeadlineGuard, isRemainingTime, type RemainingTime } from '../deadline/DeadlineGuard.js';
import { runWithinDeadline } from '../deadline/runWithinDeadline.js';
import { toError } from '../internal/toError.js';
import { validate } from '../schema/validate.js';
import { assertSqsEvent } from './assertSqsEvent.js';
import { type BatchSummary, emitMetrics, emptySummary } from './BatchSummary.js';
import { classifyRecordError } from './classifyRecordError.js';
import { InvalidRecordError } from './InvalidRecordError.js';
import type { NormalizedSqsOptions } from './normalizeSqsOptions.js';
import { RecordSkippedError } from './RecordSkippedError.js';
import type { SqsRecordContext, SqsRecordHandler } from './SqsRecordContext.js';

export type BatchRunner = (event: unknown, context: Context | undefined) => Promise<SQSBatchResponse>;

type Job = () => Promise<unknown>;
type IdempotentCall = (payload: unknown, context: Context | undefined, job: Job) => Promise<unknown>;
type RecordStatus = 'pending' | 'running' | 'ok' | 'failed';

const OPEN_STATES = new Set(['open', 'isolated']);
const NO_BUDGET: () => number = () => Number.POSITIVE_INFINITY;

export function createBatchRunner<TBody, TResult>(
  recordHandler: SqsRecordHandler<TBody, TResult>,
  opts: NormalizedSqsOptions<TBody>,
): BatchRunner {
  // The longest record seen in this execution environment: the first record of the next batch is guarded by it.
  let carriedEstimateMs = opts.deadline?.initialRecordEstimateMs ?? 0;
  // Idempotency is loaded on first use, so a consumer without it does not pay for its import.
  let idempotent: Promise<IdempotentCall> | undefined;
  const loadIdempotent = (): Promise<IdempotentCall> => {
    idempotent ??= makeIdempotentCall(opts);
    return idempotent;
  };
  if (opts.idempotency !== undefined) void loadIdempotent().catch(() => undefined);

  return async function runBatch(event, context) {
    assertSqsEvent(event);
    const startedAt = Date.now();
    const records = event.Records;
    const fifo = opts.fifo ?? (records[0]?.eventSourceARN ?? '').endsWith('.fifo');
    const summary = emptySummary(records.length, fifo);
    const status = new Map<SQSRecord, RecordStatus>(records.map((r) => [r, 'pending']));
    const errors = new Map<SQSRecord, Error>();
    const controller = new AbortController();
    const lambdaContext = isRemainingTime(context) ? context : undefined;
    const guard =
      opts.deadline !== undefined && lambdaContext !== undefined
        ? new DeadlineGuard(lambdaContext, opts.deadline.safetyMarginMs, carriedEstimateMs)
        : undefined;
    const budget: RemainingTime | undefined =
      guard === undefined ? undefined : { getRemainingTimeInMillis: () => guard.budgetMs() };
    const call = opts.idempotency === undefined ? undefined : await loadIdempotent();
    let closed = false;

    const fail = (record: SQSRecord, error: Error): never => {
      status.set(record, 'failed');
      errors.set(record, error);
      throw error;
    };

    const processRecord = async (record: SQSRecord): Promise<unknown> => {
      if (closed) return fail(record, new RecordSkippedError('deadline', 'the batch already returned'));
      const open = opts.skipWhenBreakerOpen.find((dep) => OPEN_STATES.has(dep.state));
      if (open !== undefined) {
        summary.skipped.breakerOpen++;
        return fail(
          record,
          new RecordSkippedError('breaker-open', `the breaker of ${open.name} is ${open.state}`),
        );
      }
      if (guard !== undefined && !guard.canStart()) {
        summary.skipped.deadline++;
        return fail(
          record,
          new RecordSkippedError(
            'deadline',
            `${guard.budgetMs()} ms left before the safety margin, records take up to ${guard.expectedMs} ms`,
          ),
        );
      }

      status.set(record, 'running');
      const recordStart = Date.now();
      let child: Logger | undefined;
      const logger = (): Logger => {
        if (child === undefined) {
          child = opts.logger.createChild();
          child.setCorrelationId(record.messageId);
        }
        return child;
      };
      try {
        const body = await decodeBody(record, opts);
        const ctx: SqsRecordContext<TBody> = {
          body,
          messageId: record.messageId,
          receiveCount: Number(record.attributes?.ApproximateReceiveCount) || 1,
          get logger() {
            return logger();
          },
          lambdaContext: context,
          signal: controller.signal,
          remainingMs: guard === undefined ? NO_BUDGET : () => guard.budgetMs(),
        };
        let ran = false;
        const job = async (): Promise<unknown> => {
          ran = true;
          try {
            return await runWithinDeadline(budget, async () => recordHandler(record, ctx));
          } catch (thrown: unknown) {
            // Normalised here too: Powertools idempotency wraps a non-Error in its own unknown error.
            throw toError(thrown);
          }
        };
        const payload =
          opts.idempotency?.bodyKeyJmesPath === undefined ? { messageId: record.messageId } : body;
        const result = call === undefined ? await job() : await call(payload, context, job);
        if (closed) return undefined;
        status.set(record, 'ok');
        summary.succeeded++;
        if (!ran) summary.duplicates++;
        return result;
      } catch (thrown: unknown) {
        const error = toError(thrown);
        if (closed) return fail(record, error);
        const classification = classifyRecordError(error, opts.classify);
        if (classification.kind !== 'permanent') {
          summary.failed[classification.kind]++;
          logFailure(
            logger(),
            'warn',
            'record failed; reported for redelivery',
            record,
            error,
            classification,
          );
          return fail(record, error);
        }
        return handlePermanent(record, error, classification, logger());
      } finally {
        guard?.observe(Date.now() - recordStart);
      }
    };

    const handlePermanent = async (
      record: SQSRecord,
      error: Error,
      classification: Classification,
      logger: Logger,
    ): Promise<undefined> => {
      const policy = opts.onPermanentFailure;
      if (policy === 'report') {
        summary.failed.permanent++;
        logFailure(
          logger,
          'error',
          'record failed permanently; reported (the queue moves it to the DLQ after maxReceiveCount)',
          record,
          error,
          classification,
        );
        return fail(record, error);
      }
      if (policy === 'acknowledge') {
        summary.acknowledged++;
        logFailure(
          logger,
          'error',
          'record failed permanently; acknowledged and dropped',
          record,
          error,
          classification,
        );
        status.set(record, 'ok');
        return undefined;
      }
      try {
        await policy({ record, error, classification, logger });
      } catch (hookThrown: unknown) {
        summary.failed.permanent++;
        logger.error('permanent-failure hook failed; record reported for redelivery', {
          hookError: toError(hookThrown),
        });
        logFailure(logger, 'error', 'record failed permanently', record, error, classification);
        return fail(record, error);
      }
      if (closed) return fail(record, error);
      summary.acknowledged++;
      logFailure(
        logger,
        'error',
        'record failed permanently; handed to the hook and acknowledged',
        record,
        error,
        classification,
      );
      status.set(record, 'ok');
      return undefined;
    };

    const work = processPartialResponse(
      event,
      processRecord,
      fifo ? new SqsFifoPartialProcessorAsync() : new BatchProcessor(EventType.SQS),
      {
        ...(context === undefined ? {} : { context }),
        throwOnFullBatchFailure: false,
        ...(fifo
          ? { skipGroupOnError: opts.skipGroupOnError }
          : { processInParallel: opts.processInParallel }),
      } as Parameters<typeof processPartialResponse>[3],
    );

    let response: SQSBatchResponse;
    if (guard === undefined) {
      response = await work;
      countUnreached(status, summary, 'fifo');
    } else {
      const stop = Symbol('deadline');
      const deadlineReason = new TransientError(
        'The invocation reached its deadline; the record will be redelivered.',
        { reason: 'timeout' },
      );
      const deadline = new Promise<typeof stop>((resolve) =>
        guard.arm(
          () => controller.abort(deadlineReason),
          () => resolve(stop),
        ),
      );
      let winner: SQSBatchResponse | typeof stop;
      try {
        winner = await Promise.race([work, deadline]);
      } finally {
        guard.disarm();
      }
      if (winner === stop) {
        closed = true;
        if (!controller.signal.aborted) controller.abort(deadlineReason);
        // The processor may still settle in the background; nothing it does is reported any more.
        work.catch(() => undefined);
        for (const [record, s] of status) {
          if (s === 'running') summary.interrupted++;
          else if (s === 'pending') summary.skipped.deadline++;
          if (s === 'running' || s === 'pending') {
            errors.set(record, new RecordSkippedError('deadline', 'the invocation reached its deadline'));
          }
        }
        response = {
          batchItemFailures: records
            .filter((r) => status.get(r) !== 'ok')
            .map((r) => ({ itemIdentifier: r.messageId })),
        };
      } else {
        response = winner;
        countUnreached(status, summary, 'fifo');
      }
      carriedEstimateMs = guard.expectedMs;
    }
    closed = true;

    summary.reported = response.batchItemFailures.length;
    summary.durationMs = Date.now() - startedAt;
    logSummary(opts.logger, summary);
    if (opts.metrics !== undefined) emitMetrics(opts.metrics, summary, opts.publishMetrics);

    if (opts.throwOnFullBatchFailure && summary.reported === records.length) {
      throw new FullBatchFailureError(records.map((r) => errors.get(r) ?? new Error('record not processed')));
    }
    return response;
  };
}

/** Records our wrapper never saw: Powertools failed them (FIFO short-circuit) before calling it. */
function countUnreached(status: Map<SQSRecord, RecordStatus>, summary: BatchSummary, as: 'fifo'): void {
  for (const s of status.values()) if (s === 'pending') summary.skipped[as]++;
}

async function decodeBody<TBody>(record: SQSRecord, opts: NormalizedSqsOptions<TBody>): Promise<TBody> {
  let value: unknown = record.body;
  if (opts.body === 'json') {
    try {
      value = JSON.parse(record.body);
    } catch (cause: unknown) {
      throw new InvalidRecordError(
        'The record body is not valid JSON.',
        [{ path: '', message: cause instanceof Error ? cause.message : 'invalid JSON' }],
        cause,
      );
    }
  }
  if (opts.schema === undefined) return value as TBody;
  const outcome = await validate(opts.schema, value);
  if (!outcome.ok) throw new InvalidRecordError('The record body failed validation.', outcome.issues);
  return outcome.value;
}

function logFailure(
  logger: Logger,
  level: 'warn' | 'error',
  message: string,
  record: SQSRecord,
  error: Error,
  c: Classification,
): void {
  logger[level](message, {
    messageId: record.messageId,
    receiveCount: Number(record.attributes?.ApproximateReceiveCount) || 1,
    kind: c.kind,
    reason: c.reason,
    ...(c.dependency === undefined ? {} : { dependency: c.dependency }),
    ...(c.status === undefined ? {} : { status: c.status }),
    ...(c.code === undefined ? {} : { code: c.code }),
    ...(error instanceof InvalidRecordError ? { issues: error.issues } : {}),
    error,
  });
}

function logSummary(logger: Logger, s: BatchSummary): void {
  const clean = s.reported === 0 && s.acknowledged === 0;
  logger[clean ? 'info' : 'warn']('SQS batch summary', { batch: s });
}

async function makeIdempotentCall<TBody>(opts: NormalizedSqsOptions<TBody>): Promise<IdempotentCall> {
  const cfg = opts.idempotency!;
  const { IdempotencyConfig, makeIdempotent } = await import('@aws-lambda-powertools/idempotency');
  const config = new IdempotencyConfig({
    eventKeyJmesPath: cfg.bodyKeyJmesPath ?? 'messageId',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: cfg.expiresAfterSeconds,
    useLocalCache: cfg.useLocalCache,
  });
  const run = async (_payload: unknown, _context: Context | undefined, job: Job): Promise<unknown> => job();
  return makeIdempotent(run, {
    persistenceStore: cfg.persistenceStore,
    keyPrefix: cfg.keyPrefix,
    config,
  }) as unknown as IdempotentCall;
}
