// Runtime switches through the real Powertools parameters providers and AWS SDK clients: SSM answered by the
// SSM emulator, AppConfig Data answered by msw handlers speaking its REST protocol.
import { AppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { SSMClient } from '@aws-sdk/client-ssm';
import { wrapDependency } from '@bulwark/policies';
import { createService, runtimeSwitches } from '@bulwark/service';
import { LOCAL_CREDENTIALS, ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';

const REGION = 'us-east-1';
const quiet = { info() {}, warn() {}, error() {} };
const ssm = ssmEmulator();

/** AppConfig Data: a session per StartConfigurationSession; each GetLatestConfiguration returns the profile's
 * content when it changed since that token's last answer, an empty body when it did not (as the service does). */
function appConfigData() {
  let content = '';
  let version = 0;
  let tokens = 0;
  const seen = new Map<string, number>();
  const calls = { start: 0, latest: 0 };
  const base = `https://appconfigdata.${REGION}.amazonaws.com`;
  const next = (seenVersion: number) => {
    const token = `token-${++tokens}`;
    seen.set(token, seenVersion);
    return token;
  };
  return {
    calls,
    set(value: string) {
      content = value;
      version++;
    },
    handlers: [
      http.post(`${base}/configurationsessions`, async ({ request }) => {
        calls.start++;
        const body = (await request.json()) as Record<string, string>;
        if (!body.ApplicationIdentifier || !body.ConfigurationProfileIdentifier) {
          return HttpResponse.json({ Message: 'missing identifiers' }, { status: 400 });
        }
        return HttpResponse.json({ InitialConfigurationToken: next(-1) }, { status: 201 });
      }),
      http.get(`${base}/configuration`, ({ request }) => {
        calls.latest++;
        const token = new URL(request.url).searchParams.get('configuration_token') ?? '';
        const seenVersion = seen.get(token);
        if (seenVersion === undefined) {
          return HttpResponse.json({ Message: 'bad token' }, { status: 400 });
        }
        const changed = seenVersion !== version;
        return new HttpResponse(changed ? content : '', {
          status: 200,
          headers: {
            'content-type': 'application/json',
            'next-poll-configuration-token': next(version),
            'next-poll-interval-in-seconds': '1',
          },
        });
      }),
    ],
  };
}

const appConfig = appConfigData();
useMswServer(...ssm.handlers, ...appConfig.handlers);

beforeEach(() => {
  ssm.reset();
});

const ssmProvider = () =>
  new SSMProvider({
    awsSdkV3Client: new SSMClient({ region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 }),
  });

describe('runtimeSwitches on SSM Parameter Store', () => {
  it('reads the document, follows a change, and keeps the last good values while SSM fails', async () => {
    // Prepare
    ssm.put('/orders/switches', JSON.stringify({ version: 1, switches: { recommendations: false } }));
    const switches = runtimeSwitches({
      parameterName: '/orders/switches',
      defaults: { recommendations: true, 'payments.force-open': false },
      provider: ssmProvider(),
      logger: quiet,
    });
    // Act
    await switches.ready();
    const first = switches.snapshot();
    ssm.put('/orders/switches', JSON.stringify({ version: 1, switches: { 'payments.force-open': true } }));
    await switches.refresh();
    const second = switches.snapshot();
    ssm.throttleNext(1);
    await switches.refresh();
    const whileThrottled = switches.snapshot();
    switches.stop();
    // Assess
    expect(first).toEqual({ recommendations: false, 'payments.force-open': false });
    expect(second).toEqual({ recommendations: true, 'payments.force-open': true });
    expect(whileThrottled).toEqual(second);
    expect(switches.stats()).toMatchObject({ reads: 3, failures: 1, invalidDocuments: 0 });
    expect(ssm.calls.GetParameter).toBe(3);
  });

  it('forces a critical breaker open through the switch: readiness answers 503 until it is turned off', async () => {
    // Prepare
    ssm.put('/orders/switches', JSON.stringify({ version: 1, switches: { 'payments.force-open': true } }));
    const service = createService({ logger: quiet, shutdown: { signals: [] } });
    const payments = service.dependency(wrapDependency('payments', { logger: false }));
    const switches = runtimeSwitches({
      parameterName: '/orders/switches',
      defaults: { 'payments.force-open': false },
      provider: ssmProvider(),
      logger: quiet,
    });
    switches.isolateWhile('payments.force-open', payments);
    await service.start();
    // Act
    await switches.ready();
    const forced = await service.readiness();
    ssm.put('/orders/switches', JSON.stringify({ version: 1, switches: {} }));
    await switches.refresh();
    const released = await service.readiness();
    switches.stop();
    // Assess
    expect(forced).toMatchObject({ status: 'fail', dependencies: [{ name: 'payments', state: 'isolated' }] });
    expect(released.status).toBe('ok');
  });
});

describe('runtimeSwitches on AWS AppConfig', () => {
  it('reads the profile through AppConfigProvider and follows a new deployment', async () => {
    // Prepare
    appConfig.set(JSON.stringify({ version: 1, switches: { recommendations: false } }));
    const provider = new AppConfigProvider({
      application: 'orders',
      environment: 'prod',
      awsSdkV3Client: new AppConfigDataClient({
        region: REGION,
        credentials: LOCAL_CREDENTIALS,
        maxAttempts: 1,
      }),
    });
    const switches = runtimeSwitches({
      parameterName: 'switches',
      defaults: { recommendations: true },
      provider,
      logger: quiet,
    });
    // Act
    await switches.ready();
    const first = switches.isOn('recommendations');
    await switches.refresh(); // no change deployed: the service answers an empty body
    const unchanged = switches.isOn('recommendations');
    appConfig.set(JSON.stringify({ version: 1, switches: { recommendations: true } }));
    await switches.refresh();
    const deployed = switches.isOn('recommendations');
    switches.stop();
    // Assess
    expect([first, unchanged, deployed]).toEqual([false, false, true]);
    expect(appConfig.calls.start).toBe(1);
    expect(switches.stats()).toMatchObject({ failures: 0, invalidDocuments: 0 });
  });
});
