// Which environment variables point a function at something a backlog could flood, and which tables a
// parameter names (floodTargets.ts).
import { describe, expect, it } from 'vitest';
import { namesEndpoint, tablesNamedBy } from './floodTargets.js';
import type { Json } from './IacResult.js';

describe('namesEndpoint', () => {
  it.each([
    ['PARTNER_API_URL', undefined, true],
    ['ORDERS_QUEUE_URL', undefined, false],
    ['ORDERS_SQS_URL', undefined, false],
    ['DT_CONNECTION_BASE_URL', undefined, false],
    // A request-scaled service's own endpoint, overridden for a local stand-in.
    ['DYNAMODB_ENDPOINT_URL', undefined, false],
    ['DYNAMODB_ENDPOINT_URL', 'https://dynamodb.eu-west-1.amazonaws.com', false],
    ['DYNAMO_ENDPOINT', 'http://localhost:8000', false],
    ['AWS_ENDPOINT_URL_SQS', undefined, false],
    ['S3_HOST', undefined, false],
    // The service word must qualify the endpoint word, and a literal must be AWS's or local.
    ['DYNAMODB_ENDPOINT_URL', 'https://ddb-proxy.example.com', true],
    ['SNS_SLACK_WEBHOOK_URL', 'https://hooks.slack.com/services/T0/B0/x', true],
    ['S3_SIGNER_API_URL', undefined, true],
    ['API_KEYS_DYNAMODB_TABLE', undefined, true],
  ])('%s = %s -> %s', (name, value, expected) => {
    expect(namesEndpoint(name, value)).toBe(expected);
  });
});

describe('tablesNamedBy', () => {
  const resource = (id: string, type: string, props: Record<string, Json>) => ({ id, type, props });
  const named = { TableName: { Ref: 'TableName' } };

  it('finds the DynamoDB tables whose name is exactly the parameter', () => {
    const byId = new Map(
      [
        resource('Orders', 'AWS::DynamoDB::Table', named),
        resource('Simple', 'AWS::Serverless::SimpleTable', named),
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation Sub, as written in a template
        resource('Built', 'AWS::DynamoDB::Table', { TableName: { 'Fn::Sub': '${TableName}-v2' } }),
      ].map((r) => [r.id, r]),
    );
    expect(tablesNamedBy('TableName', byId).map((t) => t.id)).toEqual(['Orders', 'Simple']);
  });

  it('leaves out tables of other services named by it', () => {
    const byId = new Map(
      [
        resource('Catalog', 'AWS::Glue::Table', named),
        resource('Metrics', 'AWS::Timestream::Table', named),
        resource('Global', 'AWS::DynamoDB::GlobalTable', named),
      ].map((r) => [r.id, r]),
    );
    expect(tablesNamedBy('TableName', byId)).toEqual([]);
  });
});
