// SSM Parameter Store at its HTTP edge: the real SDK and Powertools parameters talk to msw handlers.
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { beforeEach, expect, it } from 'vitest';

const ssm = ssmEmulator({ region: 'us-east-1' });
useMswServer(...ssm.handlers);
const clientConfig = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
};
const client = new SSMClient(clientConfig);

beforeEach(() => ssm.reset());

it('reads a parameter seeded in memory', async () => {
  ssm.put('/bulwark/breakers/edna', '{"state":"closed"}');

  const out = await client.send(new GetParameterCommand({ Name: '/bulwark/breakers/edna' }));

  expect(out.Parameter?.Version).toBe(1);
  expect(ssm.calls.GetParameter).toBe(1);
});

it('throttles like a busy account', async () => {
  ssm.put('/app/flag', 'on');
  ssm.throttleNext(1);

  await expect(client.send(new GetParameterCommand({ Name: '/app/flag' }))).rejects.toMatchObject({
    name: 'ThrottlingException',
  });
  // Powertools reads through the same handlers.
  const parameters = new SSMProvider({ clientConfig });
  expect(await parameters.get('/app/flag')).toBe('on');
});
