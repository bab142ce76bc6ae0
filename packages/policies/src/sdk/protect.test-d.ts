// Type-level promises of `protect`, checked by `tsc -p packages/policies/tsconfig.json`: a protected
// client is the same client, with the same output types.
import {
  DynamoDBClient,
  GetItemCommand,
  type GetItemCommandOutput,
  QueryCommand,
  type QueryCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { GetParameterCommand, type GetParameterCommandOutput, SSMClient } from '@aws-sdk/client-ssm';
import { DynamoDBDocumentClient, GetCommand, type GetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { expectTypeOf } from 'vitest';
import { wrapDependency } from '../wrapDependency.js';
import type { ProtectOptions } from './ProtectOptions.js';
import type { ProtectableClient } from './SdkClient.js';

const edna = wrapDependency('edna');

// The client comes back as its own type.
const ddb = edna.protect(new DynamoDBClient({}));
expectTypeOf(ddb).toEqualTypeOf<DynamoDBClient>();
expectTypeOf(wrapDependency('ssm').protect(new SSMClient({}))).toEqualTypeOf<SSMClient>();

// Output types are unchanged, command by command.
const key = { pk: { S: 'order#42' } };
expectTypeOf(
  ddb.send(new GetItemCommand({ TableName: 't', Key: key })),
).resolves.toEqualTypeOf<GetItemCommandOutput>();
expectTypeOf(
  ddb.send(new QueryCommand({ TableName: 't', KeyConditionExpression: 'pk = :p' })),
).resolves.toEqualTypeOf<QueryCommandOutput>();
const ssm = wrapDependency('ssm').protect(new SSMClient({}));
expectTypeOf(
  ssm.send(new GetParameterCommand({ Name: '/a' })),
).resolves.toEqualTypeOf<GetParameterCommandOutput>();

// A DocumentClient (it shares its base client's stack) fits too.
const doc = wrapDependency('doc').protect(DynamoDBDocumentClient.from(new DynamoDBClient({})));
expectTypeOf(
  doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })),
).resolves.toEqualTypeOf<GetCommandOutput>();

// Every SDK v3 client is a ProtectableClient; a plain object is not.
expectTypeOf(new DynamoDBClient({})).toExtend<ProtectableClient>();
expectTypeOf({ send: () => Promise.resolve(1) }).not.toExtend<ProtectableClient>();

// Per-command mapping takes command names.
expectTypeOf<{ commands: ['GetItemCommand'] }>().toExtend<ProtectOptions>();
// @ts-expect-error: an unknown option
edna.protect(new DynamoDBClient({}), { command: ['GetItemCommand'] });

// A dependency with a fallback cannot protect a client: a send must resolve to its command's output.
const withFallback = wrapDependency('cached', { fallback: () => 'stale' });
// @ts-expect-error: the fallback would change every output type
withFallback.protect(new DynamoDBClient({}));
