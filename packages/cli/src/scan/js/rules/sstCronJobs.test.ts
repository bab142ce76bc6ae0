// Which SST v3 Cron handlers (sstCronJobs.ts) are noted as scheduled, with their answer unread (sstV3CronRules).
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { sstV3CronRules } from './sstCronJobs.js';

/** The handler strings the rule notes as unread for `source`, and whether the scheduled list agrees. */
function noted(source: string): string[] {
  const ctx = contextOf(source, 'infra/cron.ts');
  sstV3CronRules(ctx, () => undefined);
  expect(ctx.scheduledHandlers).toEqual(ctx.unreadHandlers);
  return ctx.unreadHandlers;
}

describe('sstV3CronRules', () => {
  it.each([
    [
      'a function object',
      "new sst.aws.Cron('C', { function: { handler: 'src/jobs/a.handler', timeout: '2 minutes' }, schedule: 'rate(1 day)' })",
      ['src/jobs/a.handler'],
    ],
    [
      'a bare handler string',
      "new sst.aws.Cron('C', { schedule: 'rate(1 hour)', function: 'src/b.main' })",
      ['src/b.main'],
    ],
    [
      'v3 first name, job',
      "new sst.aws.Cron('C', { job: 'src/c.handler', schedule: 'rate(1 hour)' })",
      ['src/c.handler'],
    ],
    [
      'a handler through a constant',
      "const h = 'src/d.handler'; new sst.aws.Cron('C', { function: h, schedule: 'rate(1 hour)' })",
      ['src/d.handler'],
    ],
    ['an ECS task names no handler', "new sst.aws.Cron('C', { task: myTask, schedule: 'rate(7 days)' })", []],
    [
      'a function ARN built elsewhere',
      "new sst.aws.Cron('C', { function: fn.arn, schedule: 'rate(1 day)' })",
      [],
    ],
    [
      'the ARN of a Function built in the module',
      "const fn = new sst.aws.Function('Job', { handler: 'src/job.handler' }); new sst.aws.Cron('C', { function: fn.arn, schedule: 'rate(1 day)' })",
      ['src/job.handler'],
    ],
    [
      // A string ARN ends in `.v2`, so only the `:` exclusion keeps it from reading as `file.export`.
      'a string function ARN is no handler string',
      "new sst.aws.Cron('C', { function: 'arn:aws:lambda:us-east-1:123:function:nightly.v2', schedule: 'rate(1 day)' })",
      [],
    ],
    [
      'CronV2, EventBridge Scheduler, same function option',
      "new sst.aws.CronV2('C', { function: { handler: 'src/g.handler' }, schedule: 'rate(15 minutes)' })",
      ['src/g.handler'],
    ],
    ['an API route is no schedule', "api.route('POST /x', 'src/e.handler')", []],
    [
      'a local sst shadows the global',
      "const sst = lib; new sst.aws.Cron('C', { function: 'src/f.handler' })",
      [],
    ],
  ])('%s', (_name, source, expected) => {
    expect(noted(source)).toEqual(expected);
  });
});
