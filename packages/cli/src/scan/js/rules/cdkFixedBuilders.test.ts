// A parameterised builder's construct is judged only when the builder fixes its timeout itself.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { builderFixesTimeout } from './cdkFixedBuilders.js';

/** The builder method `make` of the source's class and the construct it builds. */
function judge(body: string): boolean {
  const ctx = contextOf(
    `import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
const local = { runtime: lambda.Runtime.NODEJS_22_X };
export class S extends Stack {
  make(role, props, seconds) {
    ${body}
  }
}`,
    '/app/infra/stack.ts',
  );
  const construct = ctx.of('NewExpression').find((n) => (n.arguments as Node[]).length === 3) as Node;
  return builderFixesTimeout(ctx, ctx.enclosingFunction(construct) as Node, construct);
}

describe('builderFixesTimeout', () => {
  it('holds for a written timeout with only spelled-out spreads after it', () => {
    expect(
      judge(`const shared = { role, handler: 'a.b' };
    return new lambda.Function(this, 'F', { timeout: Duration.seconds(60), ...shared, ...local });`),
    ).toBe(true);
  });
  it('fails when a parameter spread after the timeout may replace it', () => {
    expect(judge(`return new lambda.Function(this, 'F', { timeout: Duration.seconds(60), ...props });`)).toBe(
      false,
    );
  });
  it('fails when the timeout reads a parameter, or a spread after it sets one', () => {
    expect(judge(`return new lambda.Function(this, 'F', { timeout: Duration.seconds(seconds) });`)).toBe(
      false,
    );
    expect(
      judge(`return new lambda.Function(this, 'F', { handler: 'a.b', ...{ role }, timeout: role });`),
    ).toBe(false);
    expect(
      judge(`const shared = { timeout: Duration.seconds(5) };
    return new lambda.Function(this, 'F', { timeout: Duration.seconds(60), ...shared });`),
    ).toBe(false);
  });
  it('fails with no timeout of its own', () => {
    expect(judge(`return new lambda.Function(this, 'F', { role, ...local });`)).toBe(false);
  });
});
