// A Powertools persistence layer kept in a Map, with the same conditional-put rule as the DynamoDB layer
// (a key may be taken only if absent, expired, or IN_PROGRESS past its in-progress expiry). It subclasses
// the real BasePersistenceLayer, so hashing, key prefixes, expiry and the IdempotencyHandler flow are
// Powertools' own; only the storage is swapped, to keep a 2,000-message chaos run fast.

import {
  IdempotencyItemAlreadyExistsError,
  IdempotencyItemNotFoundError,
} from '@aws-lambda-powertools/idempotency';
import { BasePersistenceLayer, IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

interface Stored {
  status: string;
  expiryTimestamp: number | undefined;
  inProgressExpiryTimestamp: number | undefined;
  responseData: unknown;
  payloadHash: string | undefined;
}

export class InMemoryPersistenceLayer extends BasePersistenceLayer {
  readonly items = new Map<string, Stored>();
  readonly ops = { put: 0, get: 0, update: 0, delete: 0, conflicts: 0 };

  protected async _putRecord(record: IdempotencyRecord): Promise<void> {
    this.ops.put++;
    await Promise.resolve();
    const existing = this.items.get(record.idempotencyKey);
    const now = Date.now();
    const free =
      existing === undefined ||
      (existing.expiryTimestamp !== undefined && existing.expiryTimestamp < now / 1000) ||
      (existing.status === 'INPROGRESS' &&
        existing.inProgressExpiryTimestamp !== undefined &&
        existing.inProgressExpiryTimestamp < now);
    if (!free) {
      this.ops.conflicts++;
      throw new IdempotencyItemAlreadyExistsError(
        `Failed to put record for already existing idempotency key: ${record.idempotencyKey}`,
        this.#toRecord(record.idempotencyKey, existing),
      );
    }
    this.items.set(record.idempotencyKey, {
      status: record.getStatus(),
      expiryTimestamp: record.expiryTimestamp,
      inProgressExpiryTimestamp: record.inProgressExpiryTimestamp,
      responseData: undefined,
      payloadHash: record.payloadHash,
    });
  }

  protected async _getRecord(idempotencyKey: string): Promise<IdempotencyRecord> {
    this.ops.get++;
    await Promise.resolve();
    const existing = this.items.get(idempotencyKey);
    if (existing === undefined) throw new IdempotencyItemNotFoundError();
    return this.#toRecord(idempotencyKey, existing);
  }

  protected async _updateRecord(record: IdempotencyRecord): Promise<void> {
    this.ops.update++;
    await Promise.resolve();
    const existing = this.items.get(record.idempotencyKey);
    this.items.set(record.idempotencyKey, {
      status: record.getStatus(),
      expiryTimestamp: record.expiryTimestamp,
      inProgressExpiryTimestamp: existing?.inProgressExpiryTimestamp,
      responseData: record.responseData,
      payloadHash: record.payloadHash,
    });
  }

  protected async _deleteRecord(record: IdempotencyRecord): Promise<void> {
    this.ops.delete++;
    await Promise.resolve();
    this.items.delete(record.idempotencyKey);
  }

  #toRecord(idempotencyKey: string, s: Stored): IdempotencyRecord {
    return new IdempotencyRecord({
      idempotencyKey,
      status: s.status as 'INPROGRESS',
      ...(s.expiryTimestamp === undefined ? {} : { expiryTimestamp: s.expiryTimestamp }),
      ...(s.inProgressExpiryTimestamp === undefined
        ? {}
        : { inProgressExpiryTimestamp: s.inProgressExpiryTimestamp }),
      ...(s.responseData === undefined
        ? {}
        : { responseData: s.responseData as IdempotencyRecord['responseData'] }),
      ...(s.payloadHash === undefined ? {} : { payloadHash: s.payloadHash }),
    });
  }
}
