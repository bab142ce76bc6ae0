// reportFlag: a CDK event source's reportBatchItemFailures, read through shorthand and settings objects.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { type ReportFlag, reportFlag } from './cdkReportFlag.js';

/** The flag of the options object of the module's one `new SqsEventSource(queue, {...})`. */
function flag(body: string): ReportFlag {
  const ctx = contextOf(body, '/app/lib/stack.ts');
  const made = (ctx.nodes.get('NewExpression') ?? [])[0] as Node;
  const options = (made.arguments as Node[])[1] as Node;
  const prop = (options.properties as Node[]).find((p) => p.key?.name === 'reportBatchItemFailures');
  return reportFlag(ctx, prop?.value as Node | undefined);
}

describe('reportFlag', () => {
  it('reads a literal and a module constant', () => {
    expect(flag('new SqsEventSource(q, { reportBatchItemFailures: true });')).toBe('on');
    expect(flag('new SqsEventSource(q, { reportBatchItemFailures: false });')).toBe('off');
    expect(
      flag('const reportBatchItemFailures = true; new SqsEventSource(q, { reportBatchItemFailures });'),
    ).toBe('on');
    expect(flag('new SqsEventSource(q, { batchSize: 10 });')).toBe('off');
    expect(flag('new SqsEventSource(q, { reportBatchItemFailures: undefined });')).toBe('off');
  });

  it('reads the shorthand through destructuring of the module settings object', () => {
    const on = `const s = { Sqs: { reportBatchItemFailures: true } };
const { reportBatchItemFailures } = s.Sqs;
new SqsEventSource(q, { reportBatchItemFailures });`;
    expect(flag(on)).toBe('on');
    expect(flag(on.replace('true', 'false'))).toBe('off');
  });

  it('leaves a value from an imported settings object unread, not absent', () => {
    const body = `import { settings } from '../settings';
const { reportBatchItemFailures } = settings.LambdaSQS;
new SqsEventSource(q, { reportBatchItemFailures });`;
    expect(flag(body)).toBe('unread');
  });
});
