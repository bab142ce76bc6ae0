// `bulwark breaker` in-process with the real AWS SDK against the SSM emulator, fed what a hostile document,
// a hostile SSM answer or a mistyped command line looks like.
import { main } from '@bulwark/cli';
import { ssmEmulator, useMswServer } from '@bulwark/testing';
import { HttpResponse, http } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { breakerMain } from '../../../packages/cli/src/breaker/breakerMain.js';
import { breakerDoc, PREFIX, ssmClient } from '../../shared-state/support.js';

const ssm = ssmEmulator();
const server = useMswServer(...ssm.handlers);
const NAME = `${PREFIX}edna`;
// C0 controls but newline (the line ending the CLI writes itself), DEL and C1 controls (CSI is \x9b).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point of the test
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

beforeEach(() => ssm.reset());

async function cli(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await breakerMain(argv, {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    env: { BULWARK_OPERATOR: 'alice' },
    client: ssmClient(),
    now: () => Date.parse('2026-11-23T10:00:00.000Z'),
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const calls = () => ssm.calls.GetParameter + ssm.calls.PutParameter + ssm.calls.GetParametersByPath;

describe('every value printed to a terminal has its control characters escaped', () => {
  const forged = '\u001b[2J\u001b[H\rledger  closed  2026-01-01  -  probe:x  all good\nfake\u009b31m\u0007';

  it('status: a reason with ANSI escapes and CR/LF cannot clear the screen or forge a row', async () => {
    // Prepare
    ssm.put(NAME, breakerDoc('edna', 'forced-open', { reason: forged }));

    // Act
    const { code, stdout } = await cli(['status']);

    // Assess
    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^edna\s+forced-open\s/);
    expect(lines[1]).toContain('\\u001b[2J');
  });

  it('status <dependency>: a writtenBy id with escapes is printed escaped', async () => {
    ssm.put(NAME, breakerDoc('edna', 'open', { writtenBy: { kind: 'probe', id: 'p\u001b]0;owned\u0007' } }));

    const { stdout } = await cli(['status', 'edna']);

    expect(stdout).not.toMatch(CONTROL);
  });

  it('status: a refused document with control characters in the detail', async () => {
    ssm.put(NAME, JSON.stringify({ version: 1, dependency: 'edna', state: `x\r\u001b[2Kclosed` }));

    const { code, stdout } = await cli(['status']);

    expect(code).toBe(1);
    expect(stdout).not.toMatch(CONTROL);
    expect(stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('open: the current document echoed before the write is escaped', async () => {
    ssm.put(NAME, breakerDoc('edna', 'closed', { writtenBy: { kind: 'probe', id: '\u001b[2Jprobe' } }));

    const { code, stdout } = await cli(['open', 'edna', '--reason', 'INC-1', '--yes']);

    expect(code).toBe(0);
    expect(stdout).not.toMatch(CONTROL);
  });

  it('an SSM error message with control characters reaches stderr escaped', async () => {
    server.use(
      http.post('https://ssm.us-east-1.amazonaws.com/', () =>
        HttpResponse.json(
          { __type: 'AccessDeniedException', message: `denied\r\n\u001b[32mbulwark breaker: ok` },
          { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } },
        ),
      ),
    );

    const { code, stderr } = await cli(['status', 'edna']);

    expect(code).toBe(1);
    expect(stderr).not.toMatch(CONTROL);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('a --reason SSM cannot hold is a usage error before any request', () => {
  it.each([
    ['2,000 characters', 'x'.repeat(2000)],
    ['1,025 characters', 'y'.repeat(1025)],
    ['600 four-byte characters', '\u{1f525}'.repeat(600)],
  ])('%s', async (_label, reason) => {
    const { code, stderr } = await cli(['open', 'edna', '--reason', reason, '--yes']);

    expect(code).toBe(2);
    expect(stderr).toMatch(/--reason .*at most 1024 characters/);
    expect(calls()).toBe(0);
  });

  it('an --operator longer than the document allows, too', async () => {
    const { code, stderr } = await cli([
      'open',
      'edna',
      '--reason',
      'x',
      '--operator',
      'o'.repeat(300),
      '--yes',
    ]);

    expect(code).toBe(2);
    expect(stderr).toMatch(/--operator/);
    expect(calls()).toBe(0);
  });
});

describe('status on an empty prefix', () => {
  it('exits 1 and names the prefix, as the README says', async () => {
    const { code, stderr } = await cli(['status', '--prefix', '/nothing/here/']);

    expect(code).toBe(1);
    expect(stderr).toMatch(/no breaker parameters under \/nothing\/here\//);
  });
});

describe('each subcommand has its own --help', () => {
  it.each(['status', 'open', 'close', 'clear'])('%s --help', async (command) => {
    const { code, stdout } = await cli([command, '--help']);

    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: bulwark breaker ${command} `));
    const others = ['status', 'open', 'close', 'clear'].filter((c) => c !== command);
    for (const other of others) expect(stdout).not.toContain(`bulwark breaker ${other} `);
    expect(calls()).toBe(0);
  });
});

describe('unknown flags and commands are refused with the nearest valid one', () => {
  it.each([
    [['open', 'edna', '--reson', 'INC-1', '--yes'], /Unknown option '--reson': did you mean '--reason'\?/],
    [['close', 'edna', '--reason', 'x', '--dryrun'], /Unknown option '--dryrun': did you mean '--dry-run'\?/],
    [['status', '--prefx', '/a/'], /Unknown option '--prefx': did you mean '--prefix'\?/],
    [['stauts'], /unknown command "stauts": did you mean status\?/],
    [
      ['open', 'edna', '--reason', 'x', '--force'],
      /Unknown option '--force': valid options: --prefix, --reason/,
    ],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await cli(argv);

    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(calls()).toBe(0);
  });

  it('bulwark braeker: did you mean breaker?', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['braeker', 'status']);
      expect(code).toBe(2);
      expect(String(stderr.mock.calls[0]?.[0])).toMatch(/unknown command "braeker": did you mean breaker\?/);
    } finally {
      stderr.mockRestore();
    }
  });
});
