// The record context as a class: one allocation per record, with the child logger and the receive count
// computed only if the handler asks (most no-op paths never do).

import type { Context, SQSRecord } from 'aws-lambda';
import { childLogger, type LoggerLike } from '../internal/LoggerLike.js';
import type { SqsRecordContext } from './SqsRecordContext.js';

const NO_BUDGET = (): number => Number.POSITIVE_INFINITY;

export class RecordContext<TBody> implements SqsRecordContext<TBody> {
  readonly body: TBody;
  readonly lambdaContext: Context | undefined;
  readonly remainingMs: () => number;
  readonly #signal: () => AbortSignal;
  readonly #record: SQSRecord;
  readonly #parent: LoggerLike;
  #logger: LoggerLike | undefined;

  constructor(
    record: SQSRecord,
    body: TBody,
    parent: LoggerLike,
    lambdaContext: Context | undefined,
    signal: () => AbortSignal,
    remainingMs: (() => number) | undefined,
  ) {
    this.#record = record;
    this.body = body;
    this.#parent = parent;
    this.lambdaContext = lambdaContext;
    this.#signal = signal;
    this.remainingMs = remainingMs ?? NO_BUDGET;
  }

  get signal(): AbortSignal {
    return this.#signal();
  }

  get messageId(): string {
    return this.#record.messageId;
  }

  get receiveCount(): number {
    return receiveCountOf(this.#record);
  }

  get logger(): LoggerLike {
    if (this.#logger === undefined) {
      try {
        this.#logger = childLogger(this.#parent, this.#record.messageId, {
          messageId: this.#record.messageId,
        });
      } catch {
        // A logger that cannot make a child still logs: the record's failure line must not be lost.
        this.#logger = this.#parent;
      }
    }
    return this.#logger;
  }
}

export function receiveCountOf(record: SQSRecord): number {
  return Number(record.attributes?.ApproximateReceiveCount) || 1;
}
