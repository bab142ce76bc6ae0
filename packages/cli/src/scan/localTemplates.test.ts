// Templates only run locally (sam local, serverless offline) that nothing in the repository deploys: their
// findings are listed as ignored, and any deploy path of their tool keeps them reported.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeScanConfig, type ScanConfig } from './config.js';
import { summaryLine } from './format/text.js';
import { scan } from './scan.js';

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Seed:
    Type: AWS::Serverless::Function
    Properties:
      Handler: seed.handler
      Runtime: nodejs22.x
      Timeout: 900
      Events:
        Get:
          Type: Api
          Properties: { Path: /seed, Method: get }
`;
const SERVERLESS = (extra = '') => `service: api
${extra}provider:
  name: aws
  timeout: 200
functions:
  list:
    handler: src/list.handler
    events:
      - http: { path: /items, method: get }
`;
const scripts = (s: Record<string, string>) => JSON.stringify({ name: 'svc', scripts: s });

async function scanRepo(files: Record<string, string>, config: ScanConfig = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-local-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  const result = await scan({ root: dir, workers: 0, config: normalizeScanConfig(config) });
  return {
    result,
    reported: result.findings.map((f) => `${f.file} ${f.rule}`),
    held: result.ignored.filter((f) => f.localOnly === true).map((f) => `${f.file} ${f.rule}`),
  };
}

describe('templates only run locally', () => {
  it('holds back the findings of a SAM template only `sam local` runs, and says so in the summary', async () => {
    const { result, reported, held } = await scanRepo({
      'template.yaml': SAM,
      'package.json': scripts({ start: 'sam local start-api --docker-network dev' }),
    });
    expect(reported).toEqual([]);
    expect(held).toEqual(['template.yaml iac-gateway-timeout-exceeds-lambda']);
    expect(result.ignored[0]?.reason).toContain('`sam local start-api` (package.json)');
    expect(summaryLine(result)).toContain(
      '1 ignored (1 only run locally (sam local, serverless offline, cdklocal), not deployed)',
    );
  });

  it('holds back a serverless.yml run by `serverless offline` from a script that cds into its folder', async () => {
    const { reported, held } = await scanRepo({
      'api/serverless.yml': SERVERLESS(),
      'package.json': scripts({ offline: 'cd api && sls offline start' }),
    });
    expect(reported).toEqual([]);
    expect(held).toEqual(['api/serverless.yml iac-gateway-timeout-exceeds-lambda']);
  });

  it('holds back a serverless.yml only deployed into LocalStack, and a template docker compose runs', async () => {
    const { result, held } = await scanRepo({
      'api/serverless.yml': SERVERLESS('plugins:\n  - serverless-localstack\n'),
      'api/package.json': scripts({ 'deploy:local': 'serverless deploy --stage local' }),
      'seed/template.yaml': SAM,
      'docker-compose.yml': 'services:\n  api:\n    command: sam local start-api --host 0.0.0.0\n',
    });
    expect(held.sort()).toEqual([
      'api/serverless.yml iac-gateway-timeout-exceeds-lambda',
      'seed/template.yaml iac-gateway-timeout-exceeds-lambda',
    ]);
    expect(result.ignored.map((f) => f.reason.split(' (')[0])).toContain(
      'local-only template: run by `serverless deploy --stage local`',
    );
  });

  it.each([
    [
      'a `sam deploy` in a Makefile',
      { Makefile: 'deploy:\n\tsam build && sam deploy --no-confirm-changeset\n' },
    ],
    [
      'a CloudFormation deploy in a workflow',
      { '.github/workflows/ci.yml': 'steps:\n  - run: aws cloudformation deploy --template-file out.yaml\n' },
    ],
    ['a samconfig.toml beside the template', { 'samconfig.toml': 'version = 0.1\n' }],
    ['`sam deploy` in the README', { 'README.md': 'Deploy with `sam deploy --guided`.\n' }],
    [
      'a deploy script the scan cannot read',
      { 'buildspec.yml': 'phases:\n  build:\n    commands:\n      - ./ci/deploy-stack.sh\n' },
    ],
    [
      'a script that runs `sam deploy`',
      {
        'buildspec.yml': 'phases:\n  build:\n    commands:\n      - bash release.sh\n',
        'release.sh': 'sam deploy --stack-name svc\n',
      },
    ],
  ])('keeps a SAM template `sam local` runs when the repository has %s', async (_, more) => {
    const { reported, held } = await scanRepo({
      'template.yaml': SAM,
      'package.json': scripts({ start: 'sam local start-api' }),
      ...more,
    });
    expect(held).toEqual([]);
    expect(reported).toEqual(['template.yaml iac-gateway-timeout-exceeds-lambda']);
  });

  it('keeps a template no local command runs: `sam local -t` names another one', async () => {
    const { reported } = await scanRepo({
      'template.yaml': SAM,
      'local.yaml': SAM,
      'package.json': scripts({ start: 'sam local start-api -t local.yaml' }),
    });
    expect(reported).toEqual(['template.yaml iac-gateway-timeout-exceeds-lambda']);
  });

  it('keeps a serverless.yml the Serverless Dashboard deploys (org and app), and one a CI job deploys', async () => {
    const dashboard = await scanRepo({
      'serverless.yml': SERVERLESS('org: acme\napp: shop\n'),
      'package.json': scripts({ start: 'serverless offline' }),
    });
    expect(dashboard.reported).toEqual(['serverless.yml iac-gateway-timeout-exceeds-lambda']);
    const ci = await scanRepo({
      'serverless.yml': SERVERLESS(),
      'package.json': scripts({ start: 'serverless offline' }),
      '.gitlab-ci.yml': 'deploy:\n  script:\n    - npx serverless deploy --stage prod\n',
    });
    expect(ci.reported).toEqual(['serverless.yml iac-gateway-timeout-exceeds-lambda']);
  });

  it('keeps a serverless.yml a deploy script runs through the CLI bin, the script named by a pipeline the scan does not read', async () => {
    const { reported, held } = await scanRepo({
      'packages/api/serverless.yml': SERVERLESS(),
      'packages/api/package.json': scripts({ start: 'sls offline start' }),
      'build-scripts/deploy-module.sh':
        'cd packages/api\n../../node_modules/serverless/bin/serverless.js deploy --stage prod\n',
    });
    expect(held).toEqual([]);
    expect(reported).toEqual(['packages/api/serverless.yml iac-gateway-timeout-exceeds-lambda']);
  });

  it('reports local-only templates when the config says "localTemplates": "report"', async () => {
    const { reported, held } = await scanRepo(
      { 'template.yaml': SAM, 'package.json': scripts({ start: 'sam local start-api' }) },
      { localTemplates: 'report' },
    );
    expect(held).toEqual([]);
    expect(reported).toEqual(['template.yaml iac-gateway-timeout-exceeds-lambda']);
  });
});
