// A record's body as the handler receives it: text as sent, or parsed JSON, then validated by the schema.
// A body that cannot be decoded fails that record as InvalidRecordError (permanent), never the batch.

import type { SQSRecord } from 'aws-lambda';
import { validate } from '../schema/validate.js';
import { InvalidRecordError } from './InvalidRecordError.js';
import type { NormalizedSqsOptions } from './normalizeSqsOptions.js';

/** The body as text or parsed JSON (`mode`), without validation. */
export function parseBody(record: SQSRecord, mode: 'json' | 'text'): unknown {
  if (mode === 'text') return record.body;
  try {
    return JSON.parse(record.body);
  } catch (cause: unknown) {
    throw new InvalidRecordError(
      'The record body is not valid JSON.',
      // Not JSON.parse's message: it quotes the body, and bodies never reach a log line.
      [{ path: '', message: 'the body is not valid JSON' }],
      cause,
    );
  }
}

/** The body parsed and validated by `opts.schema`. */
export async function decodeBody<TBody>(
  record: SQSRecord,
  opts: NormalizedSqsOptions<TBody>,
): Promise<TBody> {
  const value = parseBody(record, opts.body);
  if (opts.schema === undefined) return value as TBody;
  const outcome = await validate(opts.schema, value);
  if (!outcome.ok) throw new InvalidRecordError('The record body failed validation.', outcome.issues);
  return outcome.value;
}
