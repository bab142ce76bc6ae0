// The input checks every JSON-protocol emulator shares: a required member (answered as the service's own
// ValidationException) and the region and account id an emulator is built with (a TypeError at construction).

import { describe as describeValue } from '../faults/FaultStep.js';
import { AwsServiceError } from './awsJsonService.js';

/**
 * Reads a required string member, or answers the service's validation error naming it as `path` (SSM spells
 * members camelCase there: `name`, `path`).
 */
export function requireString(input: Record<string, unknown>, field: string, path = field): string {
  const value = input[field];
  if (typeof value !== 'string' || value === '') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at '${path}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

/** A region as AWS spells one: `us-east-1`. */
export function checkRegion(owner: string, region: unknown): string {
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    throw new TypeError(`${owner}: region must look like 'us-east-1', got ${describeValue(region)}`);
  }
  return region;
}

/** A 12-digit account id. */
export function checkAccountId(owner: string, accountId: unknown): string {
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) {
    throw new TypeError(`${owner}: accountId must be 12 digits, got ${describeValue(accountId)}`);
  }
  return accountId;
}
