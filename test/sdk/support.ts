// Shared pieces of the SDK tests: a DynamoDB client pointed at a local server, and the JSON a DynamoDB
// endpoint answers errors with.
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from '@bulwark/testing';

/** A real DynamoDBClient (default retry settings unless given) pointed at `endpoint`. */
export function dynamoClient(endpoint: string, config: DynamoDBClientConfig = {}): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, ...config });
}

/** A DynamoDB (awsJson1_0) error answer. */
export function dynamoError(status: number, type: string, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', ...headers },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `${type} (test)` }),
  } as const;
}

/** An empty GetItem answer. */
export const EMPTY_ITEM = {
  status: 200,
  headers: { 'content-type': 'application/x-amz-json-1.0' },
  body: '{}',
} as const;
