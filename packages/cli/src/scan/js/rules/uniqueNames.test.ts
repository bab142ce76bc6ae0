// Which names the service keeps unique (uniqueNameKind): read by the object they are a property of.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { uniqueNameKind } from './uniqueNames.js';

/** The kind of the one property named `key` in `source`. */
function kindOf(source: string, key: string): string | undefined {
  const ctx = contextOf(source, 'm.js');
  const prop = ctx.of('Property').find((p) => (p.key as Node).name === key);
  if (prop === undefined) throw new Error(`no ${key} in the source`);
  return uniqueNameKind(ctx, key, ctx.parentOf(prop));
}

describe('uniqueNameKind', () => {
  it.each([
    [
      'a v3 start-job command',
      'new StartTranscriptionJobCommand({ TranscriptionJobName: n })',
      'TranscriptionJobName',
      'job',
    ],
    [
      'a v3 create-job command',
      'new CreateTrainingJobCommand({ TrainingJobName: n })',
      'TrainingJobName',
      'job',
    ],
    [
      'a v2 start-job call',
      'transcribe.startTranscriptionJob({ TranscriptionJobName: n })',
      'TranscriptionJobName',
      'job',
    ],
    [
      'an execution',
      "sfn.send(new StartExecutionCommand({ stateMachineArn: 'a', name: n }))",
      'name',
      'execution',
    ],
    ['a schedule', "new CreateScheduleCommand({ Name: n, ScheduleExpression: 'at(x)' })", 'Name', 'schedule'],
    [
      'an item attribute so named',
      "new PutCommand({ TableName: 't', Item: { TranscriptionJobName: n } })",
      'TranscriptionJobName',
      undefined,
    ],
    [
      'a job name in another argument',
      'start(x, { TranscriptionJobName: n })',
      'TranscriptionJobName',
      undefined,
    ],
    ['a name with no state machine', 'new CreateThingCommand({ name: n })', 'name', undefined],
  ])('%s', (_, source, key, kind) => {
    // Act and assess
    expect(kindOf(source, key)).toBe(kind);
  });
});
