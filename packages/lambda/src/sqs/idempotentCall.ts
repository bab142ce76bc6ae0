// Powertools idempotency around a record's handler, loaded on first use so that a consumer without it
// never pays for its import. The key is the message id, or a JMESPath into the body when configured.

import type { Context } from 'aws-lambda';
import type { NormalizedSqsOptions } from './normalizeSqsOptions.js';

type Job = () => Promise<unknown>;

/** Runs `job` once per idempotency key; a repeat answers the stored result without running it. */
export type IdempotentCall = (payload: unknown, context: Context | undefined, job: Job) => Promise<unknown>;

/** Builds the idempotent call from `opts.idempotency` (which must be set). */
export async function makeIdempotentCall<TBody>(opts: NormalizedSqsOptions<TBody>): Promise<IdempotentCall> {
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
