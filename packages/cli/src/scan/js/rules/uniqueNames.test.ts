// Which names the service keeps unique (uniqueNameKind): read by the object they are a property of.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { scheduleRetried, uniqueNameKind, uniqueNameMessage } from './uniqueNames.js';

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

describe('scheduleRetried', () => {
  const wired = { onlyIfEventWired: ['handler', 'start'] };

  it.each([
    ['an execution name', 'execution' as const],
    ['a schedule name', 'schedule' as const],
  ])('lets a schedule count for %s, only for the exports whose run makes it', (_, kind) => {
    // Act
    const extra = scheduleRetried(kind, wired, ['handler'], false);

    // Assess
    expect(extra).toEqual({ onlyIfEventWired: ['handler', 'start'], orIfScheduled: ['handler'] });
  });

  it.each([
    ['a job name (a scheduled job must take a new one each run)', 'job' as const, wired, ['handler'], false],
    ['no unique name (a record id, an object key)', undefined, wired, ['handler'], false],
    [
      'a handler whose code shows its redelivered source (no gate to widen)',
      'execution' as const,
      {},
      ['handler'],
      false,
    ],
    [
      'a shared module (judged by its consumer callers)',
      'execution' as const,
      { onlyIfConsumerCaller: {} },
      ['handler'],
      false,
    ],
    ['a name no entry export is seen to make', 'execution' as const, wired, undefined, false],
    ["a name cut to the run's day (the same on every retry)", 'execution' as const, wired, ['handler'], true],
  ])('leaves the gate as it is for %s', (_, kind, extra, entries, dayLevel) => {
    // Act
    const out = scheduleRetried(kind, extra, entries, dayLevel);

    // Assess
    expect(out).toBe(extra);
  });
});

describe('uniqueNameMessage', () => {
  it('names a queue consumer when only a redelivered source is admitted', () => {
    // Act
    const message = uniqueNameMessage('execution', 'name', 'in a queue consumer');

    // Assess
    expect(message).toBe(
      'the Step Functions execution name is made per attempt in a queue consumer: a redelivery starts the workflow again instead of finding the first execution',
    );
  });

  it('names both cases when a schedule is admitted too (a daily job is no queue consumer)', () => {
    // Act
    const message = uniqueNameMessage('execution', 'name', 'in a queue consumer', true);

    // Assess
    expect(message).toBe(
      'the Step Functions execution name is made per attempt in a handler a template wires to a queue or a schedule: a retried run or redelivery starts the workflow again instead of finding the first execution',
    );
  });
});
