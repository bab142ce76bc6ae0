// The engine behind sqsHandler and the middy middleware: Powertools processPartialResponse does the partial
// batch response and FIFO grouping; around each record this adds the deadline guard, the breaker-aware skip,
// body parsing and validation, idempotency, classification and the permanent-failure policy.

import {
  BatchProcessor,
  EventType,
  processPartialResponse,
  SqsFifoPartialProcessorAsync,
} from '@aws-lambda-powertools/batch';
import { runWithLogContext, TransientError, toError } from '@bulwark/errors';
import type { Context, SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { DeadlineGuard, knownDeadline } from '../deadline/DeadlineGuard.js';
import { runWithinDeadline } from '../deadline/runWithinDeadline.js';
import { childLogger, type LoggerLike } from '../internal/LoggerLike.js';
import { assertFifoGroups, assertSqsEvent } from './assertSqsEvent.js';
import { type BatchSummary, emitMetrics, emptySummary, logSummary } from './BatchSummary.js';
import { firstOpen } from './breakerSkip.js';
import { classifyRecordError } from './classifyRecordError.js';
import { FullBatchFailureError } from './FullBatchFailureError.js';
import { type IdempotentCall, makeIdempotentCall } from './idempotentCall.js';
import type { NormalizedSqsOptions } from './normalizeSqsOptions.js';
import { settlePermanent } from './permanentFailure.js';
import { RecordContext } from './RecordContext.js';
import { RecordSkippedError } from './RecordSkippedError.js';
import { decodeBody } from './recordBody.js';
import { logRecordFailure } from './recordFailureLog.js';
import type { SqsRecordHandler } from './SqsRecordContext.js';

export type BatchRunner = (event: unknown, context: Context | undefined) => Promise<SQSBatchResponse>;

// A record with no status yet is pending: the map only holds records the wrapper has reached.
type RecordStatus = 'running' | 'ok' | 'failed';
type Processor = BatchProcessor | SqsFifoPartialProcessorAsync;

// What Powertools is given for a failed record: our own error, never the thrown value, which may be a
// Proxy or carry getters that throw when Powertools reads its message. Powertools only counts it.
// Stryker disable next-line StringLiteral: Powertools only counts this error; its message reaches no log line, response or FullBatchFailureError
const REPORTED = new Error('record reported for redelivery');
const DEADLINE_STOP: unique symbol = Symbol('deadline');

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
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a preload only: a batch with idempotency awaits loadIdempotent() itself, and one without never calls it
  if (opts.idempotency !== undefined) void loadIdempotent().catch(() => undefined);

  // Powertools processors keep per-batch state on the instance (outside Lambda's InvokeStore). A batch the
  // deadline guard gave up on may still be settling in the background, so a processor is reused only once its
  // batch has settled: a small pool, not one shared instance.
  const idle: { standard: BatchProcessor[]; fifo: SqsFifoPartialProcessorAsync[] } = {
    standard: [],
    fifo: [],
  };
  const take = (fifo: boolean): Processor =>
    (fifo ? idle.fifo.pop() : idle.standard.pop()) ??
    (fifo ? new SqsFifoPartialProcessorAsync() : new BatchProcessor(EventType.SQS));
  // Stryker disable BlockStatement,CallExpression: reuse saves an allocation per batch; a processor not given back is replaced by a new one that behaves the same (which pool it goes back to is tested)
  const giveBack = (fifo: boolean, processor: Processor): void => {
    if (fifo) idle.fifo.push(processor as SqsFifoPartialProcessorAsync);
    else idle.standard.push(processor as BatchProcessor);
  };
  // Stryker restore BlockStatement,CallExpression

  // Settled once per handler, not per batch: what each record has to do besides calling the handler.
  const byBody = opts.idempotency?.bodyKeyJmesPath !== undefined;
  const keepErrors = opts.throwOnFullBatchFailure;

  return async function runBatch(event, context) {
    assertSqsEvent(event);
    const startedAt = Date.now();
    const records = event.Records;
    // Stryker disable next-line OptionalChaining,StringLiteral: assertSqsEvent refused an empty batch, and any fallback that is not a FIFO queue ARN reads the same
    const arn = records[0]?.eventSourceARN ?? '';
    const fifo = opts.fifo ?? arn.endsWith('.fifo');
    if (fifo) assertFifoGroups(records);
    const summary = emptySummary(records.length, fifo);
    const status = new Map<SQSRecord, RecordStatus>();
    // Only FullBatchFailureError lists the errors; without it, none are kept.
    const errors = keepErrors ? new Map<SQSRecord, unknown>() : undefined;
    // Made on first use: most handlers never read ctx.signal, and an AbortController is not free.
    let controller: AbortController | undefined;
    const signal = (): AbortSignal => {
      controller ??= new AbortController();
      return controller.signal;
    };
    // A context whose remaining time is not a finite number (NaN from a test double) means no deadline known.
    const lambdaContext = knownDeadline(context);
    const guard =
      opts.deadline !== undefined && lambdaContext !== undefined
        ? new DeadlineGuard(lambdaContext, opts.deadline.safetyMarginMs, carriedEstimateMs)
        : undefined;
    const remainingMs = guard === undefined ? undefined : () => guard.budgetMs();
    const call = opts.idempotency === undefined ? undefined : await loadIdempotent();
    let closed = false;

    const fail = (record: SQSRecord, error: unknown): never => {
      // Stryker disable next-line StringLiteral: any status but 'ok' and 'running' reads the same (reported, reached)
      status.set(record, 'failed');
      // Stryker disable next-line OptionalChaining: without the map, errors.set throws a TypeError in place of REPORTED, and Powertools reports the record for either
      errors?.set(record, error);
      throw REPORTED;
    };

    // Every Bulwark line written while a record runs (a dependency's retries included) names the record.
    const processRecord = (record: SQSRecord): Promise<unknown> =>
      runWithLogContext({ correlation_id: record.messageId, messageId: record.messageId }, () =>
        runRecord(record),
      );

    const runRecord = async (record: SQSRecord): Promise<unknown> => {
      // Stryker disable next-line StringLiteral: the batch already returned, so the FullBatchFailureError that could list this error was built without it
      if (closed) return fail(record, new RecordSkippedError('the batch already returned'));
      const open = firstOpen(opts.skipWhenBreakerOpen);
      if (open !== undefined) {
        summary.skipped.breakerOpen++;
        return fail(record, new RecordSkippedError(`the breaker of ${open.name} is ${open.state}`));
      }
      if (guard !== undefined && !guard.canStart()) {
        summary.skipped.deadline++;
        return fail(
          record,
          new RecordSkippedError(
            `${guard.budgetMs()} ms left before the safety margin, records take up to ${guard.expectedMs} ms`,
          ),
        );
      }

      status.set(record, 'running');
      const recordStart = Date.now();
      let ctx: RecordContext<TBody> | undefined;
      try {
        const body = await decodeBody(record, opts);
        ctx = new RecordContext(record, body, opts.logger, context, signal, remainingMs);
        const handlerCtx = ctx;
        let result: unknown;
        let ran = true;
        if (call === undefined) {
          result = await recordHandler(record, handlerCtx);
        } else {
          ran = false;
          const job = async (): Promise<unknown> => {
            ran = true;
            try {
              return await recordHandler(record, handlerCtx);
            } catch (thrown: unknown) {
              // Normalised here: Powertools idempotency wraps a non-Error in its own "unknown" error.
              throw toError(thrown);
            }
          };
          result = await call(byBody ? body : { messageId: record.messageId }, context, job);
        }
        if (closed) return undefined;
        status.set(record, 'ok');
        summary.succeeded++;
        if (!ran) summary.duplicates++;
        return result;
      } catch (thrown: unknown) {
        if (closed) return fail(record, thrown);
        // Whatever was thrown (a Proxy, a cyclic cause, a throwing getter), nothing below reads it except
        // through classifyRecordError and serializeError, which never throw.
        const classification = classifyRecordError(thrown, opts.classify);
        // The record's own child logger (made now if the handler never asked for it): failures are rare.
        const logger = ctx?.logger ?? recordLogger(opts.logger, record.messageId);
        if (classification.kind !== 'permanent') {
          summary.failed[classification.kind]++;
          logRecordFailure(
            logger,
            'warn',
            'record failed; reported for redelivery',
            record,
            thrown,
            classification,
          );
          return fail(record, thrown);
        }
        return settlePermanent(
          opts.onPermanentFailure,
          { record, thrown, classification, logger },
          {
            summary,
            fail,
            acknowledge: () => status.set(record, 'ok'),
            closed: () => closed,
          },
        );
      } finally {
        if (guard !== undefined) guard.observe(Date.now() - recordStart);
      }
    };

    const processor = take(fifo);
    const processing = {
      ...(context === undefined ? {} : { context }),
      throwOnFullBatchFailure: false,
      ...(fifo ? { skipGroupOnError: opts.skipGroupOnError } : { processInParallel: opts.processInParallel }),
    } as Parameters<typeof processPartialResponse>[3];
    // One deadline scope for the whole batch: every record (and every wrapDependency call in it) inherits it.
    const work = Promise.resolve(
      runWithinDeadline(guard, () => processPartialResponse(event, processRecord, processor, processing)),
    );
    // Stryker disable next-line CallExpression: the rejection is also handled where the batch awaits or races it, and a processor not given back is replaced
    work.then(
      // Stryker disable next-line ArrowFunction: reuse saves an allocation per batch; a processor not given back is replaced by a new one that behaves the same
      () => giveBack(fifo, processor),
      () => undefined,
    );

    let response: SQSBatchResponse;
    if (guard === undefined) {
      response = await work;
      countUnreached(records, status, summary);
    } else {
      const deadline = new Promise<typeof DEADLINE_STOP>((resolve) =>
        guard.arm(
          () =>
            controller?.abort(
              new TransientError('The invocation reached its deadline; the record will be redelivered.', {
                reason: 'timeout',
              }),
            ),
          () => resolve(DEADLINE_STOP),
        ),
      );
      let winner: SQSBatchResponse | typeof DEADLINE_STOP;
      try {
        winner = await Promise.race([work, deadline]);
      } finally {
        guard.disarm();
      }
      if (winner === DEADLINE_STOP) {
        // The processor may still settle in the background (its rejection is handled where the processor
        // is given back); nothing it does is reported any more.
        closed = true;
        for (const record of records) {
          const s = status.get(record);
          if (s === 'running') summary.interrupted++;
          else if (s === undefined) summary.skipped.deadline++;
          if (s === 'running' || s === undefined) {
            errors?.set(record, new RecordSkippedError('the invocation reached its deadline'));
          }
        }
        response = {
          batchItemFailures: records
            .filter((r) => status.get(r) !== 'ok')
            .map((r) => ({ itemIdentifier: r.messageId })),
        };
      } else {
        response = winner;
        countUnreached(records, status, summary);
      }
      carriedEstimateMs = guard.expectedMs;
    }
    // `closed` is set only at the hard stop: otherwise processPartialResponse has settled every record.

    summary.reported = response.batchItemFailures.length;
    summary.durationMs = Date.now() - startedAt;
    logSummary(opts.logger, summary);
    if (opts.metrics !== undefined) emitMetrics(opts.metrics, summary, opts.publishMetrics);

    if (opts.throwOnFullBatchFailure && summary.reported === records.length) {
      throw new FullBatchFailureError(
        summary,
        records.map(
          // Stryker disable next-line OptionalChaining: the map exists whenever throwOnFullBatchFailure is set
          (r) => errors?.get(r) ?? new RecordSkippedError('an earlier record of its FIFO group failed'),
        ),
      );
    }
    return response;
  };
}

/** Records our wrapper never saw: Powertools failed them (FIFO short-circuit) before calling it. */
function countUnreached(
  records: readonly SQSRecord[],
  status: Map<SQSRecord, RecordStatus>,
  summary: BatchSummary,
): void {
  // Every record reached has a status; Powertools calls the wrapper at most once per record.
  summary.skipped.fifo += records.length - status.size;
}

function recordLogger(parent: LoggerLike, messageId: string): LoggerLike {
  try {
    return childLogger(parent, messageId, { messageId });
  } catch {
    return parent;
  }
}
