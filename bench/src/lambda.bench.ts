import { join } from 'node:path';
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { Logger } from '@aws-lambda-powertools/logger';
import { lambdaContext, sqsEvent } from '@bulwark/testing';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { InMemoryPersistenceLayer } from '../../test/lambda/support/InMemoryPersistenceLayer.js';
import { type Benchmark, type BenchSize, type BenchTable, median } from '../harness.js';
import { buildLambda, coldImports } from './coldImports.js';

const _root = join(import.meta.dirname, '..', '..');
const BATCH = 10;

/** A Powertools Logger that formats every line as it would in Lambda but writes nowhere. */
function quietLogger(): Logger {
  const logger = new Logger({ serviceName: 'bench' });
  const sink = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };
  Object.assign(logger as unknown as { console: unknown }, { console: sink });
  (logger as unknown as { createLogger: (o: unknown) => Logger }).createLogger = () => quietLogger();
  return logger;
}

/** A quiet Logger at level SILENT: the summary line is dropped before it is formatted. */
function silentLogger(): Logger {
  const logger = quietLogger();
  logger.setLogLevel('SILENT');
  return logger;
}

type BatchFn = (event: SQSEvent, context: Context) => Promise<unknown>;

interface Variant {
  readonly name: string;
  /** Makes the function under test; `fresh` gives each round unique message ids (idempotency must not hit). */
  make(): BatchFn;
}

const noop = async (): Promise<void> => undefined;

type SqsHandler = typeof import('@bulwark/lambda').sqsHandler;

const variants = (sqsHandler: SqsHandler): Record<string, Variant> => ({
  powertools: {
    name: 'Powertools processPartialResponse',
    make() {
      const processor = new BatchProcessor(EventType.SQS);
      return (event, context) =>
        processPartialResponse(event, noop, processor, { context, processInParallel: false });
    },
  },
  // Diagnostic: bare Powertools plus only the one summary line per batch that sqsHandler must write, through the
  // same quiet Powertools Logger. What is left of the 0.9x goal once that requirement alone is paid.
  powertoolsSummary: {
    name: 'Powertools processPartialResponse + one Logger line per batch (diagnostic)',
    make() {
      const processor = new BatchProcessor(EventType.SQS);
      const logger = quietLogger();
      return async (event, context) => {
        const response = await processPartialResponse(event, noop, processor, {
          context,
          processInParallel: false,
        });
        logger.info('SQS batch summary', {
          batch: { records: event.Records.length, reported: response.batchItemFailures.length },
        });
        return response;
      };
    },
  },
  bulwark: {
    name: 'sqsHandler',
    make: () => sqsHandler(noop, { logger: quietLogger() }) as BatchFn,
  },
  // Diagnostics, not the goal: what is left when the summary line is dropped by the logger's level, and
  // when the deadline guard and JSON parsing are off as well (the wrapper itself).
  bulwarkSilent: {
    name: 'sqsHandler, logger SILENT (diagnostic)',
    make: () => sqsHandler(noop, { logger: silentLogger() }) as BatchFn,
  },
  bulwarkBare: {
    name: "sqsHandler, logger SILENT, deadline: false, body: 'text' (diagnostic)",
    make: () => sqsHandler(noop, { logger: silentLogger(), deadline: false, body: 'text' }) as BatchFn,
  },
  powertoolsIdem: {
    name: 'Powertools processPartialResponse + makeIdempotent',
    make() {
      const processor = new BatchProcessor(EventType.SQS);
      const persistenceStore = new InMemoryPersistenceLayer();
      const config = new IdempotencyConfig({ eventKeyJmesPath: 'messageId' });
      const record = makeIdempotent(async (_r: SQSRecord, _c: Context) => undefined, {
        persistenceStore,
        keyPrefix: 'bench',
        config,
      });
      return (event, context) =>
        processPartialResponse(event, (r: SQSRecord) => record(r, context), processor, {
          context,
          processInParallel: false,
        });
    },
  },
  bulwarkIdem: {
    name: 'sqsHandler + idempotency',
    make: () =>
      sqsHandler(noop, {
        logger: quietLogger(),
        idempotency: { persistenceStore: new InMemoryPersistenceLayer(), keyPrefix: 'bench' },
      }) as BatchFn,
  },
});

let sequence = 0;
const freshEvent = (): SQSEvent =>
  sqsEvent(Array.from({ length: BATCH }, () => ({ messageId: `msg-${++sequence}`, body: '{"n":1}' })));

/** Records per second of `fn` over `batches` batches (events made beforehand, so building them is not timed). */
async function recordsPerSecond(fn: BatchFn, batches: number): Promise<number> {
  const events = Array.from({ length: batches }, freshEvent);
  const context = lambdaContext({ remainingMs: 900_000 });
  const start = process.hrtime.bigint();
  for (const event of events) await fn(event, context);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (batches * BATCH) / seconds;
}

async function throughput(size: BenchSize) {
  const rounds = size === 'tiny' ? 3 : 9;
  const batches = size === 'tiny' ? 100 : 2_000;
  // Imported after the build: outside vitest, @bulwark/lambda resolves to its dist.
  const { sqsHandler } = await import('@bulwark/lambda');
  const v = variants(sqsHandler);
  const fns = Object.fromEntries(Object.entries(v).map(([k, variant]) => [k, variant.make()])) as Record<
    keyof typeof v,
    BatchFn
  >;
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(v).map((k) => [k, []]));
  // Warm up every variant, then interleave the rounds so drift on a shared machine hits all alike.
  for (const fn of Object.values(fns)) await recordsPerSecond(fn, 50);
  for (let r = 0; r < rounds; r++) {
    for (const [key, fn] of Object.entries(fns)) samples[key]?.push(await recordsPerSecond(fn, batches));
  }
  const rps = {
    powertools: median(samples.powertools ?? []),
    bulwark: median(samples.bulwark ?? []),
    powertoolsSummary: median(samples.powertoolsSummary ?? []),
    bulwarkSilent: median(samples.bulwarkSilent ?? []),
    bulwarkBare: median(samples.bulwarkBare ?? []),
    powertoolsIdem: median(samples.powertoolsIdem ?? []),
    bulwarkIdem: median(samples.bulwarkIdem ?? []),
  };
  return { rps, names: Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.name])), rounds, batches };
}

const bench: Benchmark = {
  name: 'lambda',
  async run(size) {
    const built = buildLambda();
    const t = await throughput(size);
    const c = coldImports(size);
    const offRatio = t.rps.bulwark / t.rps.powertools;
    const onRatio = t.rps.bulwarkIdem / t.rps.powertoolsIdem;
    const importRatio = c.ms.lambda / c.ms.baseline;
    const fmtRatio = (x: number) => `${x.toFixed(2)}x`;
    const usPerBatch = (rps: number) => Number(((1e6 * BATCH) / rps).toFixed(1));
    const tables: BenchTable[] = [
      {
        title: `SQS records/second, no-op record handler, batches of ${BATCH} (median of ${t.rounds} rounds x ${t.batches} batches)`,
        columns: ['variant', 'records/s', 'µs per batch', 'vs Powertools'],
        rows: [
          [t.names.powertools ?? '', Math.round(t.rps.powertools), usPerBatch(t.rps.powertools), '1.00x'],
          [
            t.names.powertoolsSummary ?? '',
            Math.round(t.rps.powertoolsSummary),
            usPerBatch(t.rps.powertoolsSummary),
            fmtRatio(t.rps.powertoolsSummary / t.rps.powertools),
          ],
          [t.names.bulwark ?? '', Math.round(t.rps.bulwark), usPerBatch(t.rps.bulwark), fmtRatio(offRatio)],
          [
            t.names.bulwarkSilent ?? '',
            Math.round(t.rps.bulwarkSilent),
            usPerBatch(t.rps.bulwarkSilent),
            fmtRatio(t.rps.bulwarkSilent / t.rps.powertools),
          ],
          [
            t.names.bulwarkBare ?? '',
            Math.round(t.rps.bulwarkBare),
            usPerBatch(t.rps.bulwarkBare),
            fmtRatio(t.rps.bulwarkBare / t.rps.powertools),
          ],
          [
            t.names.powertoolsIdem ?? '',
            Math.round(t.rps.powertoolsIdem),
            usPerBatch(t.rps.powertoolsIdem),
            '1.00x',
          ],
          [
            t.names.bulwarkIdem ?? '',
            Math.round(t.rps.bulwarkIdem),
            usPerBatch(t.rps.bulwarkIdem),
            fmtRatio(onRatio),
          ],
        ],
        notes: [
          `Goal >= 0.9x: idempotency off ${fmtRatio(offRatio)} (${offRatio >= 0.9 ? 'met' : 'NOT met'}), on ${fmtRatio(onRatio)} (${onRatio >= 0.9 ? 'met' : 'NOT met'}).`,
          'Both sides sequential, with a Lambda context; sqsHandler also parses each body as JSON, arms its deadline guard and formats its summary line (to a sink). Idempotency uses an in-memory BasePersistenceLayer on both sides.',
          `Added cost per batch of ${BATCH}: ${(usPerBatch(t.rps.bulwark) - usPerBatch(t.rps.powertools)).toFixed(1)} µs without idempotency; of it, the summary line ${(usPerBatch(t.rps.bulwark) - usPerBatch(t.rps.bulwarkSilent)).toFixed(1)} µs, the deadline guard and JSON parsing ${(usPerBatch(t.rps.bulwarkSilent) - usPerBatch(t.rps.bulwarkBare)).toFixed(1)} µs, the per-record wrapper ${(usPerBatch(t.rps.bulwarkBare) - usPerBatch(t.rps.powertools)).toFixed(1)} µs.`,
        ],
      },
      {
        title: `Cold import of the built package in a fresh node process (median of ${c.runs})`,
        columns: ['import', 'ms', 'vs batch + logger'],
        rows: [
          ['@aws-lambda-powertools/batch + logger', Number(c.ms.baseline.toFixed(1)), '1.00x'],
          ['@bulwark/lambda (root entry)', Number(c.ms.lambda.toFixed(1)), fmtRatio(importRatio)],
          ['@bulwark/lambda/middy', Number(c.ms.middy.toFixed(1)), fmtRatio(c.ms.middy / c.ms.baseline)],
          [
            'batch + logger + @bulwark/errors (diagnostic: the floor)',
            Number(c.ms.baselineAndErrors.toFixed(1)),
            fmtRatio(c.ms.baselineAndErrors / c.ms.baseline),
          ],
          [
            '@bulwark/errors alone (diagnostic)',
            Number(c.ms.errors.toFixed(1)),
            fmtRatio(c.ms.errors / c.ms.baseline),
          ],
          [
            '@bulwark/policies alone (diagnostic)',
            Number(c.ms.policies.toFixed(1)),
            fmtRatio(c.ms.policies / c.ms.baseline),
          ],
        ],
        notes: [
          `Goal <= 1.2x for the root entry: ${fmtRatio(importRatio)} (${importRatio <= 1.2 ? 'met' : 'NOT met'}).`,
          'The root entry loads Powertools batch + logger, @bulwark/errors (its classes are extended) and its own SQS, HTTP-option and probe-option modules; @bulwark/policies, the SSM client, Powertools idempotency and the HTTP request/response modules are loaded on first use (or when an httpHandler is built).',
        ],
      },
    ];
    return {
      tables,
      data: {
        freshBuild: built,
        batchSize: BATCH,
        throughput: { recordsPerSecond: t.rps, ratios: { idempotencyOff: offRatio, idempotencyOn: onRatio } },
        coldImportMs: { ...c.ms, ratio: importRatio, runs: c.runs },
      },
    };
  },
};

export default bench;
