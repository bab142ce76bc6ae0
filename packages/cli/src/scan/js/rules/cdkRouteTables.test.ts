// Route tables turned into functions by a loop: the loop's default and its own module's entries are judged
// where the loop routes every entry; a table typed in another module is not joined to the loop.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { tableTimeouts } from './cdkRouteTables.js';
import type { Extra } from './Report.js';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { DomainRoutes } from './routes/types';
interface Props { domain: DomainRoutes }
`;

interface Found {
  readonly line: number;
  readonly extra?: Extra | undefined;
}

function lineOf(ctx: ModuleContext, node: Node): number {
  return ctx.source.slice(0, node.start as number).split('\n').length;
}

/** Runs tableTimeouts on the module's first function construct and first integration, as cdkApiFunctions.ts does. */
function judgeLoop(body: string, limit = 30): { handled: boolean; found: Found[]; ctx: ModuleContext } {
  const ctx = contextOf(HEAD + body, '/app/infra/domainStack.ts');
  const news = ctx.of('NewExpression');
  const construct = news.find((n) => /Function$/.test((n.callee as Node).property?.name ?? '')) as Node;
  const integration = news.find((n) => /Integration$/.test((n.callee as Node).property?.name ?? '')) as Node;
  const found: Found[] = [];
  const handled = tableTimeouts(ctx, construct, integration, limit, (_rule, node) =>
    found.push({ line: lineOf(ctx, node) }),
  );
  return { handled, found, ctx };
}

const LOOP = `export function build(scope, props: Props) {
  const { domain } = props;
  for (const route of domain.routes) {
    const fn = new lambda.Function(scope, route.path, { timeout: cdk.Duration.seconds(route.timeoutSeconds ?? DEFAULT) });
    BODY
  }
}`;

describe('tableTimeouts', () => {
  it('reports a default at or above the limit, and records nothing for a table typed in another module', () => {
    const { handled, found, ctx } = judgeLoop(
      LOOP.replace('DEFAULT', '30').replace('BODY', "new integrations.HttpLambdaIntegration('I', fn);"),
    );
    expect(handled).toBe(true);
    expect(found.map((f) => f.line)).toEqual([9]);
    expect(ctx.fieldRoutes).toEqual([]);
  });

  it('leaves a default under the limit', () => {
    const { found } = judgeLoop(
      LOOP.replace('DEFAULT', '20').replace('BODY', "new integrations.HttpLambdaIntegration('I', fn);"),
    );
    expect(found).toEqual([]);
  });

  it.each([
    ["if (route.public) new integrations.HttpLambdaIntegration('I', fn);"],
    ["if (route.queue) continue;\n    new integrations.HttpLambdaIntegration('I', fn);"],
    ["if (route.internal) break;\n    new integrations.HttpLambdaIntegration('I', fn);"],
    [
      "if (route.queue) { queue.grantConsume(fn); throw new Error('x'); }\n    new integrations.HttpLambdaIntegration('I', fn);",
    ],
  ])('judges nothing when not every entry is routed: %s', (body) => {
    const { handled, found, ctx } = judgeLoop(LOOP.replace('DEFAULT', '60').replace('BODY', body));
    expect(handled).toBe(false);
    expect(found).toEqual([]);
    expect(ctx.fieldRoutes).toEqual([]);
  });

  it("reports the entries of a table in the loop's own module, in the loop's unit", () => {
    const { found } = judgeLoop(
      `const ROUTES = [{ path: 'a', timeout: 1 }, { path: 'b' }];
ROUTES.forEach((route) => {
  const fn = new lambda.Function(this, route.path, { timeout: cdk.Duration.minutes(route.timeout ?? 0.25) });
  new integrations.HttpLambdaIntegration('I', fn);
});`,
    );
    expect(found.map((f) => f.line)).toEqual([6]);
  });

  it('judges nothing when a forEach callback returns early for some entries', () => {
    const { handled, found } = judgeLoop(
      `const ROUTES = [{ path: 'a', queue: true, timeoutSeconds: 300 }, { path: 'b' }];
ROUTES.forEach((route) => {
  const fn = new lambda.Function(this, route.path, { timeout: cdk.Duration.seconds(route.timeoutSeconds ?? 60) });
  if (route.queue) { queue.grantConsume(fn); return; }
  new integrations.HttpLambdaIntegration('I', fn);
});`,
    );
    expect([handled, found]).toEqual([false, []]);
  });

  it('still judges a loop whose inner loop or callback jumps, or that returns after routing', () => {
    const { found } = judgeLoop(
      `const ROUTES = [{ path: 'a', timeoutSeconds: 300 }];
ROUTES.forEach((route) => {
  for (const tag of route.tags ?? []) { if (!tag) continue; }
  const fn = new lambda.Function(this, route.path, { timeout: cdk.Duration.seconds(route.timeoutSeconds ?? 5) });
  [1].map((x) => { return x; });
  new integrations.HttpLambdaIntegration('I', fn);
  return;
});`,
    );
    expect(found.map((f) => f.line)).toEqual([6]);
  });
});
