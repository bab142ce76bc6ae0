// iac-idempotency-table-no-ttl in CloudFormation and SAM: a DynamoDB table named for idempotency records
// (its logical id or TableName) whose TimeToLiveSpecification is not enabled keeps every record forever.
import type { IacReport } from './IacResult.js';
import { obj } from './IacResult.js';
import type { TemplateResource } from './queueUse.js';

/**
 * Reports a table named for idempotency with no enabled TTL, at `path` (the resource).
 * @example
 * checkIdempotencyTable(r, ['Resources', 'IdempotencyTable'], report) // no TimeToLiveSpecification -> finding
 */
export function checkIdempotencyTable(
  r: TemplateResource,
  path: readonly (string | number)[],
  report: IacReport,
): void {
  if (!/idempot/i.test(`${r.id} ${typeof r.props.TableName === 'string' ? r.props.TableName : ''}`)) return;
  const ttl = obj(r.props.TimeToLiveSpecification);
  if (ttl?.Enabled !== true && ttl?.Enabled !== 'true')
    report(
      'iac-idempotency-table-no-ttl',
      path,
      `idempotency table ${r.id} has no TimeToLiveSpecification: records never expire`,
    );
}
