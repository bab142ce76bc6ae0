// `bulwark breaker` run in-process with the real AWS SDK against the SSM emulator.
// bin.ts (owned by the scan helper) dispatches here; the package barrel does not re-export it.

import { parseBreakerDocument } from '@bulwark/policies';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it } from 'vitest';
import { breakerMain } from '../../packages/cli/src/breaker/breakerMain.js';
import { breakerDoc, PREFIX, ssmClient } from './support.js';

const ssm = ssmEmulator();
const server = useMswServer(...ssm.handlers);
const NAME = `${PREFIX}edna`;

beforeEach(() => ssm.reset());

async function cli(
  argv: string[],
  options: {
    env?: Record<string, string>;
    confirm?: (q: string) => Promise<boolean>;
    attempts?: number;
  } = {},
) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await breakerMain(argv, {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: { BULWARK_OPERATOR: 'alice', ...options.env },
    client: ssmClient({ maxAttempts: options.attempts ?? 1 }),
    now: () => Date.parse('2026-11-23T10:00:00.000Z'),
    ...(options.confirm === undefined ? {} : { confirm: options.confirm }),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function stored(name = NAME) {
  const value = ssm.value(name);
  const parsed = value === undefined ? undefined : parseBreakerDocument(value);
  return parsed?.ok ? parsed.document : undefined;
}

describe('bulwark breaker status', () => {
  it('prints a table of every dependency under the prefix, across pages', async () => {
    // Prepare: 12 parameters, more than one GetParametersByPath page (10)
    for (let i = 0; i < 10; i++)
      ssm.put(`${PREFIX}svc-${String(i).padStart(2, '0')}`, breakerDoc(`svc-${i}`, 'closed'));
    ssm.put(NAME, breakerDoc('edna', 'open', { reason: '3 consecutive failed health checks' }));
    ssm.put(`${PREFIX}ledger`, breakerDoc('ledger', 'forced-closed', { reason: 'INC-42' }));
    ssm.put('/other/thing', 'not ours');

    // Act
    const { code, stdout } = await cli(['status']);

    // Assess
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^DEPENDENCY\s+STATE\s+SINCE\s+RETRY AT\s+WRITTEN BY\s+REASON$/);
    expect(lines).toHaveLength(13);
    expect(stdout).toMatch(/edna\s+open\s+\S+\s+\S+\s+probe:test\s+3 consecutive failed health checks/);
    expect(stdout).toMatch(/ledger\s+forced-closed\s+.*operator:test\s+INC-42/);
    expect(stdout).not.toContain('/other/thing');
    expect(ssm.calls.GetParametersByPath).toBe(2);
  });

  it('lists a refused document as refused and exits 1', async () => {
    ssm.put(NAME, '{broken');
    ssm.put(`${PREFIX}ledger`, breakerDoc('ledger', 'closed'));

    const { code, stdout } = await cli(['status']);

    expect(code).toBe(1);
    expect(stdout).toMatch(/edna\s+\(refused: unparseable\)/);
  });

  it('prints one dependency, and --json', async () => {
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));

    const { code, stdout } = await cli(['status', 'edna', '--json']);

    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ parameter: NAME, state: 'forced-open' })]);
  });

  it('uses $BULWARK_BREAKER_PREFIX, and --prefix over it', async () => {
    ssm.put('/team-a/breakers/edna', breakerDoc('edna', 'open'));

    const fromEnv = await cli(['status'], { env: { BULWARK_BREAKER_PREFIX: '/team-a/breakers' } });
    const fromFlag = await cli(['status', '--prefix', '/team-b/breakers/'], {
      env: { BULWARK_BREAKER_PREFIX: '/team-a/breakers' },
    });

    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toMatch(/edna\s+open/);
    expect(fromFlag.code).toBe(1);
    expect(fromFlag.stderr).toMatch(/no breaker parameters under \/team-b\/breakers\//);
  });

  it('exits 1 with a clear message for a missing parameter', async () => {
    const { code, stderr } = await cli(['status', 'edna']);

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /no breaker parameter \/bulwark\/breakers\/edna: the probe has not written it yet/,
    );
  });
});

describe('bulwark breaker open|close|clear', () => {
  it.each([
    ['open', 'forced-open'],
    ['close', 'forced-closed'],
  ] as const)('%s writes %s as the operator, with the reason', async (command, state) => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'open'));

    // Act
    const { code, stdout } = await cli([command, 'edna', '--reason', 'INC-1234', '--yes']);

    // Assess
    expect(code).toBe(0);
    expect(stored()).toEqual({
      version: 1,
      dependency: 'edna',
      state,
      since: '2026-11-23T10:00:00.000Z',
      reason: 'INC-1234',
      writtenBy: { kind: 'operator', id: 'alice' },
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
    expect(stdout).toMatch(new RegExp(`edna: open \\(probe:test, since .*\\) -> ${state}`));
    expect(ssm.calls.PutParameter).toBe(1);
  });

  it('creates the parameter when none exists (an operator may force before the probe ever ran)', async () => {
    const { code } = await cli(['open', 'edna', '--reason', 'migration', '--yes']);

    expect(code).toBe(0);
    expect(stored()?.state).toBe('forced-open');
  });

  it('writes nothing when the state is already the one asked for', async () => {
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));

    const { code, stdout } = await cli(['open', 'edna', '--reason', 'again', '--yes']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/already forced-open/);
    expect(ssm.calls.PutParameter).toBe(0);
  });

  it('--dry-run prints the document and writes nothing', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));

    const { code, stdout } = await cli(['close', 'edna', '--reason', 'INC-7', '--dry-run']);

    expect(code).toBe(0);
    expect(stdout).toContain('"state":"forced-closed"');
    expect(stdout).toMatch(/dry run: nothing written/);
    expect(ssm.calls.PutParameter).toBe(0);
    expect(stored()?.state).toBe('closed');
  });

  it('asks before writing without --yes, and writes nothing when declined', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    const asked: string[] = [];

    const declined = await cli(['open', 'edna', '--reason', 'INC-8'], {
      confirm: async (q) => {
        asked.push(q);
        return false;
      },
    });
    const accepted = await cli(['open', 'edna', '--reason', 'INC-8'], { confirm: async () => true });

    expect(asked[0]).toMatch(/Write forced-open for edna to the whole fleet\?/);
    expect(declined.code).toBe(1);
    expect(declined.stderr).toMatch(/not confirmed/);
    expect(accepted.code).toBe(0);
    expect(ssm.calls.PutParameter).toBe(1);
  });

  it('refuses to write without --yes when stdin is not a terminal (exit 2)', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));

    const { code, stderr } = await cli(['open', 'edna', '--reason', 'INC-9']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/pass --yes/);
    expect(ssm.calls.PutParameter).toBe(0);
  });

  it('clear hands a forced dependency back to the probe (closed, written by the operator)', async () => {
    ssm.put(NAME, breakerDoc('edna', 'forced-open'));

    const { code, stdout } = await cli(['clear', 'edna', '--yes']);

    expect(code).toBe(0);
    expect(stored()).toMatchObject({
      state: 'closed',
      writtenBy: { kind: 'operator', id: 'alice' },
      reason: 'forced state cleared by alice',
    });
    expect(stdout).toMatch(/the probe decides from here/);
  });

  it('clear leaves a probe-written state alone', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open'));

    const { code, stdout } = await cli(['clear', 'edna', '--yes']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/is not an operator's forced state; nothing to clear/);
    expect(ssm.calls.PutParameter).toBe(0);
  });

  it('clear replaces a refused document', async () => {
    ssm.put(NAME, '{broken');

    const { code } = await cli(['clear', 'edna', '--yes']);

    expect(code).toBe(0);
    expect(stored()?.state).toBe('closed');
  });

  it('clear of a missing parameter exits 1', async () => {
    const { code, stderr } = await cli(['clear', 'edna', '--yes']);

    expect(code).toBe(1);
    expect(stderr).toMatch(/no breaker parameter \/bulwark\/breakers\/edna: nothing to clear/);
  });
});

describe('bulwark breaker: SSM errors exit 1 with a clear message', () => {
  function denied(operation: string) {
    server.use(
      http.post('https://ssm.us-east-1.amazonaws.com/', ({ request }) => {
        if (request.headers.get('x-amz-target') !== `AmazonSSM.${operation}`) return undefined;
        return HttpResponse.json(
          {
            __type: 'AccessDeniedException',
            message: `User: arn:aws:sts::123456789012:assumed-role/dev/alice is not authorized to perform: ssm:${operation}`,
          },
          { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
        );
      }),
    );
  }

  it.each([
    ['status', ['status'], 'GetParametersByPath'],
    ['status <dep>', ['status', 'edna'], 'GetParameter'],
    ['open', ['open', 'edna', '--reason', 'x', '--yes'], 'PutParameter'],
  ])('%s: access denied', async (_label, argv, operation) => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    denied(operation);

    const { code, stderr } = await cli(argv);

    expect(code).toBe(1);
    expect(stderr).toMatch(/access denied: (read|write) on \/bulwark\/breakers\/(edna)?/);
    expect(stderr).toMatch(new RegExp(`not authorized to perform: ssm:${operation}`));
    expect(stderr).toMatch(/docs\/shared-state\.md/);
    expect(stored()?.state).toBe('closed');
  });

  it('throttling, after the SDK has retried', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed'));
    ssm.throttleNext(10);

    const { code, stderr } = await cli(['open', 'edna', '--reason', 'x', '--yes'], { attempts: 2 });

    expect(code).toBe(1);
    expect(stderr).toMatch(
      /SSM throttled write on \/bulwark\/breakers\/edna after 2 attempts \(ThrottlingException\)/,
    );
    expect(stored()?.state).toBe('closed');
  });

  it('a 500', async () => {
    ssm.failNext(1, 500);

    const { code, stderr } = await cli(['status', 'edna']);

    expect(code).toBe(1);
    expect(stderr).toMatch(/SSM read on \/bulwark\/breakers\/edna failed: InternalServerError/);
  });
});

describe('bulwark breaker: usage errors exit 2', () => {
  it.each([
    [[], /missing command/],
    [['restart', 'edna'], /unknown command "restart"/],
    [['open'], /"open" needs a dependency name/],
    [['open', 'edna', '--yes'], /"open" needs --reason/],
    [['close', 'edna', '--reason', '  ', '--yes'], /"close" needs --reason/],
    [['open', 'edna', '--reason', 'x', '--force'], /Unknown option '--force'/],
    [['open', 'ed/na', '--reason', 'x'], /"dependency" must be 1-128 characters/],
    [['status', '--prefix', 'no-slash'], /"prefix" must be an SSM path/],
    [['status', '--dry-run'], /"status" writes nothing/],
    [['open', 'edna', '--reason', 'x', '--json'], /--json applies to "status" only/],
    [['status', 'edna', 'extra'], /unexpected argument "extra"/],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await cli(argv);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage:/);
    expect(ssm.calls.GetParameter + ssm.calls.PutParameter + ssm.calls.GetParametersByPath).toBe(0);
  });

  it('--help prints the usage and exits 0; a leading "breaker" is tolerated', async () => {
    const { code, stdout } = await cli(['breaker', '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(/bulwark breaker status/);
  });
});
