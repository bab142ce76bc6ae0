// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Serverless variables, written as in serverless.yml
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mountOf, resolveServerless, resolveServerlessStages } from './serverlessConfig.js';
import { ServerlessVariables } from './serverlessVariables.js';

const fixtures = join(import.meta.dirname, '../../../fixtures/corpus');
const stageDir = join(fixtures, 'serverless-stage-includes');

describe('serverless variables', () => {
  const self = {
    provider: { stage: "${opt:stage, 'dev'}", region: '${opt:region}' },
    custom: { size: 5, table: 'orders-${sls:stage}', nested: '${self:custom.table}' },
  };
  const vars = new ServerlessVariables(join(stageDir, 'serverless.yml'), self);

  it.each([
    ['${self:provider.stage}', 'dev'],
    ['${sls:stage}', 'dev'],
    ['${opt:region}', 'us-east-1'],
    ['${self:custom.size}', 5],
    ['${self:custom.nested}', 'orders-dev'],
    ['prefix-${self:custom.table}-x', 'prefix-orders-dev-x'],
    ["${env:MISSING, 'fallback'}", 'fallback'],
    ['${env:MISSING}', '${env:MISSING}'],
    ['${AWS::Region}', '${AWS::Region}'],
  ])('resolves %s', (text, expected) => {
    // Act
    const resolved = vars.resolveString(text).value;

    // Assess
    expect(resolved).toEqual(expected);
  });
});

describe('resolveServerless', () => {
  it('reads stage-named includes and mounts them where they came from', () => {
    // Prepare
    const raw = {
      provider: { stage: "${opt:stage, 'dev'}" },
      functions: '${file(${self:provider.stage}/functions.yml)}',
      resources: '${file(${sls:stage}/resources.yml):resources}',
    };

    // Act
    const { config, mounts } = resolveServerless(join(stageDir, 'serverless.yml'), raw);

    // Assess
    expect(Object.keys(config.functions)).toEqual(['ingest', 'mailReceipt', 'onUpload']);
    expect(mountOf(mounts, ['functions', 'ingest', 'events', 0])).toEqual({
      file: join(stageDir, 'dev/functions.yml'),
      at: ['ingest', 'events', 0],
    });
    expect(mountOf(mounts, ['resources', 'Resources', 'IngestDlq'])?.at).toEqual([
      'resources',
      'Resources',
      'IngestDlq',
    ]);
  });

  it('merges lists of fragments, each key mounted at its fragment', () => {
    // Prepare
    const dir = join(fixtures, 'serverless-list-includes');
    const raw = {
      functions: ['${file(./functions/api.yml)}', '${file(./functions/workers.yml):workers}'],
      resources: [
        '${file(./resources/queues.yml)}',
        { Resources: { Alarm: { Type: 'AWS::CloudWatch::Alarm' } } },
      ],
    };

    // Act
    const { config, mounts } = resolveServerless(join(dir, 'serverless.yml'), raw);

    // Assess
    expect(Object.keys(config.functions)).toEqual(['charge', 'refund', 'settle', 'trace']);
    expect(mountOf(mounts, ['functions', 'settle'])).toEqual({
      file: join(dir, 'functions/workers.yml'),
      at: ['workers', 'settle'],
    });
    expect(mountOf(mounts, ['resources', 'Resources', 'Alarm'])).toEqual({
      file: join(dir, 'serverless.yml'),
      at: ['resources', 1, 'Resources', 'Alarm'],
    });
  });
});

describe('resolveServerlessStages', () => {
  it('resolves once per stage folder when the configuration does not fix the stage', () => {
    // Prepare
    const dir = join(fixtures, 'serverless-stage-folders-only');
    const raw = {
      provider: { stage: '${opt:stage}' },
      functions: '${file(./${self:provider.stage}/functions.yml)}',
    };

    // Act
    const stages = resolveServerlessStages(join(dir, 'serverless.yml'), raw);

    // Assess
    expect(stages.map((s) => mountOf(s.mounts, ['functions', 'charge'])?.file)).toEqual([
      join(dir, 'prod/functions.yml'),
      join(dir, 'staging/functions.yml'),
      undefined,
    ]);
  });

  it('reads only the stage the configuration fixes', () => {
    // Prepare
    const raw = { provider: { stage: 'prod' }, functions: '${file(${sls:stage}/functions.yml)}' };

    // Act
    const stages = resolveServerlessStages(join(stageDir, 'serverless.yml'), raw);

    // Assess
    expect(stages).toHaveLength(1);
    expect(mountOf(stages[0]?.mounts ?? [], ['functions'])?.file).toBe(join(stageDir, 'prod/functions.yml'));
  });
});

describe('file includes with an unknown variable', () => {
  it('reads the first file the path matches', () => {
    // Prepare
    const dir = join(fixtures, 'serverless-list-includes');
    const vars = new ServerlessVariables(join(dir, 'serverless.yml'), {});

    // Act
    const resolved = vars.resolveString('${file(./config/${env:TARGET_UNSET}.yml)}');

    // Assess
    expect(resolved.from?.file).toBe(join(dir, 'config/dev.yml'));
  });
});
