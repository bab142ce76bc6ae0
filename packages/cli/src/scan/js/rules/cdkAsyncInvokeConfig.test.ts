import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { asyncInvokeWithoutDestination } from './cdkAsyncInvokeConfig.js';

function lines(source: string): number[] {
  const ctx = contextOf(source);
  const found: number[] = [];
  asyncInvokeWithoutDestination(ctx, (_rule, node: Node) => {
    found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

const fn = (props: string) => `const fn = new NodejsFunction(this, 'Fn', { entry: 'src/a.ts'${props} });\n`;

describe('asyncInvokeWithoutDestination', () => {
  it('reports retries turned off with no destination, on a built function or an Amplify one', () => {
    expect(lines(`${fn('')}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([2]);
    expect(lines('backend.x.resources.lambda.configureAsyncInvoke({\n  retryAttempts: 0,\n});')).toEqual([1]);
  });

  it('leaves an onFailure destination, a DLQ on the props, or props it cannot read', () => {
    expect(lines(`${fn('')}fn.configureAsyncInvoke({ retryAttempts: 0, onFailure: dest });`)).toEqual([]);
    expect(lines(`${fn(', deadLetterQueue: dlq')}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual(
      [],
    );
    expect(
      lines(`${fn(', deadLetterQueueEnabled: true')}fn.configureAsyncInvoke({ retryAttempts: 0 });`),
    ).toEqual([]);
    expect(lines(`${fn(', ...shared')}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(lines(`${fn('')}fn.configureAsyncInvoke(opts);`)).toEqual([]);
  });

  it('leaves a configuration that keeps retries or only shortens the event age', () => {
    expect(lines(`${fn('')}fn.configureAsyncInvoke({ retryAttempts: 1 });`)).toEqual([]);
    expect(lines(`${fn('')}fn.configureAsyncInvoke({ maxEventAge: Duration.minutes(2) });`)).toEqual([]);
  });
});
