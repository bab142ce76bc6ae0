// A new user's project, as the packaging test builds it: the packed @bulwark tarballs installed beside the
// Powertools, AWS SDK v3 and middy versions of one version set. This file is type-checked there with
// skipLibCheck: false (nodenext and bundler resolution) and then run; every package's main entry points are
// used with the user's own Powertools and SDK objects, since that is where two copies of a class break a build.
import { strict as assert } from 'node:assert';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { SSMClient } from '@aws-sdk/client-ssm';
import { breakerMain, main as bulwarkMain, scan } from '@bulwark/cli';
import {
  classify,
  DependencyDownError,
  isTransientError,
  PermanentError,
  TransientError,
  toHttpStatus,
  toProblemDetails,
} from '@bulwark/errors';
import { breakerProbeHandler, httpHandler, sqsHandler } from '@bulwark/lambda';
import { httpMiddleware, sqsBatchMiddleware } from '@bulwark/lambda/middy';
import { ssmBreakerState, wrapDependency } from '@bulwark/policies';
import {
  apiGatewayV2Event,
  LOCAL_CREDENTIALS,
  lambdaContext,
  sqsEvent,
  ssmEmulator,
  startFaultServer,
  startLocalDynamo,
  startMswServer,
} from '@bulwark/testing';
import middy from '@middy/core';

const REGION = 'us-east-1';
const silent = { logLevel: 'SILENT' as const };
// The user's own Powertools objects, of whatever 2.x version this project installed.
const logger = new Logger({ serviceName: 'consumer', ...silent });
const metrics = new Metrics({ namespace: 'consumer', serviceName: 'consumer' });

// @bulwark/errors
assert.equal(classify(new TransientError('flaky')).retryable, true);
assert.equal(isTransientError(new TransientError('flaky')), true);
assert.equal(toHttpStatus(new DependencyDownError('edna is down')), 503);
assert.equal(toProblemDetails(new PermanentError('no')).status, toHttpStatus(new PermanentError('no')));

// @bulwark/testing: an SSM emulator for the real SDK client, a real-socket server, local DynamoDB.
const ssm = ssmEmulator({ region: REGION });
const msw = startMswServer(...ssm.handlers);
const server = await startFaultServer([{ status: 503 }, { status: 200, body: 'ok' }, { status: 200 }]);
const dynamo = await startLocalDynamo({ region: REGION });
const ssmClient = new SSMClient({ region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
const scanDir = await mkdtemp(join(tmpdir(), 'consumer-scan-'));

try {
  // @bulwark/policies: a wrapDependency call against a local server, retried past one 503.
  const edna = wrapDependency('edna', {
    timeout: { attemptMs: 2_000 },
    retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 5 } },
    logger,
  });
  const response = await edna.fetch(`${server.url}/orders`);
  assert.equal(await response.text(), 'ok');
  assert.equal(server.hits, 2);

  // Shared breaker state typed with the user's Powertools provider and SDK client (type-level; no read).
  const readShared = () => [
    ssmBreakerState({ parameterName: '/bulwark/breakers/edna', provider: new SSMProvider() }),
    ssmBreakerState({ parameterName: '/bulwark/breakers/edna', client: ssmClient }),
  ];
  assert.equal(typeof readShared, 'function');

  // @bulwark/lambda: an SQS batch with the user's Logger and Metrics, and idempotency on local DynamoDB.
  const tableName = await dynamo.createIdempotencyTable('idempotency');
  const seen: string[] = [];
  const consume = sqsHandler<{ id: string }>(
    async (_record, { body }) => {
      if (body.id === 'bad') throw new TransientError('try again');
      seen.push(body.id);
    },
    {
      logger,
      metrics,
      publishMetrics: false,
      idempotency: {
        persistenceStore: new DynamoDBPersistenceLayer({ tableName, awsSdkV3Client: dynamo.client }),
      },
    },
  );
  const batch = sqsEvent([{ body: { id: 'good' } }, { body: { id: 'bad' } }]);
  const result = await consume(batch, lambdaContext());
  assert.deepEqual(
    result.batchItemFailures.map((f) => f.itemIdentifier),
    [batch.Records[1]?.messageId],
  );
  assert.deepEqual(seen, ['good']);

  // @bulwark/lambda: an HTTP answer, and a dependency-down refusal as 503 problem+json.
  const api = httpHandler<{ id: string }>(
    async (_event, { body }) => {
      if (body.id === 'down') throw new DependencyDownError('edna is down');
      return { statusCode: 201, body: { id: body.id } };
    },
    { logger },
  );
  const created = await api(
    apiGatewayV2Event({ method: 'POST', path: '/orders', body: { id: 'a' } }),
    lambdaContext(),
  );
  assert.equal(created.statusCode, 201);
  const refused = await api(
    apiGatewayV2Event({ method: 'POST', path: '/orders', body: { id: 'down' } }),
    lambdaContext(),
  );
  assert.equal(refused.statusCode, 503);
  assert.match(String(refused.headers?.['content-type']), /application\/problem\+json/);

  // @bulwark/lambda/middy on the user's middy.
  const viaMiddy = middy().use(sqsBatchMiddleware(async () => undefined, { logger }));
  const middyResult = (await viaMiddy(sqsEvent([{ body: { id: 'm' } }]), lambdaContext())) as {
    batchItemFailures: unknown[];
  };
  assert.deepEqual(middyResult.batchItemFailures, []);
  const httpViaMiddy = middy(async () => ({ statusCode: 204 })).use(httpMiddleware({ logger }));
  assert.equal(typeof httpViaMiddy, 'function');

  // @bulwark/lambda: the probe writes through the user's SSM client.
  const probe = breakerProbeHandler({
    dependencies: [{ name: 'edna', url: `${server.url}/health` }],
    checksPerInvocation: 1,
    successThreshold: 1,
    client: ssmClient,
    logger: { info: () => undefined, warn: () => undefined },
  });
  const probed = await probe({}, lambdaContext());
  assert.equal(probed.dependencies[0]?.dependency, 'edna');

  // @bulwark/cli: the scanner as a library, `bulwark breaker status` with the user's client, the dispatcher.
  await writeFile(join(scanDir, 'a.ts'), 'export const get = () => fetch(process.env.API_URL ?? "");\n');
  const scanned = await scan({ root: scanDir });
  assert.ok(Array.isArray(scanned.findings));
  const out: string[] = [];
  const code = await breakerMain(['status', 'edna'], { client: ssmClient, stdout: (s) => void out.push(s) });
  assert.equal(code, 0, out.join(''));
  assert.equal(typeof bulwarkMain, 'function');

  // @bulwark/policies: an AWS SDK v3 client of the user's SDK version protected by a dependency, one
  // command sent to local DynamoDB through the chain; the output keeps the command's own type.
  const tables = wrapDependency('tables', { retry: { maxAttempts: 2 } });
  const ddb = tables.protect(
    new DynamoDBClient({ region: REGION, endpoint: dynamo.endpoint, credentials: LOCAL_CREDENTIALS }),
  );
  const listed = await ddb.send(new ListTablesCommand({}));
  const names: string[] | undefined = listed.TableNames;
  assert.ok(names?.includes(tableName), 'the protected client lists the idempotency table');
  assert.equal(tables.stats().attempts, 1);

  process.stdout.write('consumer: ok\n');
} finally {
  ssmClient.destroy();
  msw.close();
  await server.close();
  await dynamo.stop();
  await rm(scanDir, { recursive: true, force: true });
}
