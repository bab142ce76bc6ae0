// The environment variables a CDK module hands a queue's URL in: only `environment` entries and
// `addEnvironment` calls, never any property whose value is the URL.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { queueUrlEnvNames } from './queueUrlEnv.js';
import { contextOf } from './testing/parsed.js';

/** The names queueUrlEnvNames answers for the queue `jobs` in `source`. */
function names(source: string): string[] {
  const ctx = contextOf(source);
  const values = [
    ...ctx.of('Property').map((p) => p.value as Node),
    ...ctx.of('CallExpression').flatMap((c) => [c.callee as Node, ...(c.arguments as Node[])]),
  ];
  const read = values.find((v) => v.type === 'MemberExpression' && (v.object as Node).name === 'jobs');
  return queueUrlEnvNames(ctx, read?.object as Node | undefined);
}

describe('queueUrlEnvNames', () => {
  it.each([
    [
      'an environment entry',
      "new Function(this, 'F', { environment: { JOBS_URL: jobs.queueUrl } });",
      ['JOBS_URL'],
    ],
    ['addEnvironment', "fn.addEnvironment('JOBS_URL', jobs.queueUrl);", ['JOBS_URL']],
    ['a CfnOutput value', "new CfnOutput(this, 'U', { value: jobs.queueUrl });", []],
    ['an SSM parameter', "new StringParameter(this, 'P', { stringValue: jobs.queueUrl });", []],
    ['construct props', "new Worker(this, 'W', { queueUrl: jobs.queueUrl });", []],
    [
      'another queue',
      "new Function(this, 'F', { environment: { MAIL_URL: mail.queueUrl } }); jobs.grantSendMessages(fn);",
      [],
    ],
  ])('%s', (_, source, expected) => {
    expect(names(source)).toEqual(expected);
  });
});
