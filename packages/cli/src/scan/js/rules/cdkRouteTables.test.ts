// Route tables turned into functions by a loop: the loop's default and its own module's entries are judged
// where the loop routes them; a table typed in another module is recorded as routed (a FieldRoute) and its
// entries raise candidates kept only where such a route exists.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { Candidate } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { routeTableEntryRules, tableTimeouts } from './cdkRouteTables.js';
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

/** The candidates routeTableEntryRules raises for a table module. */
function entries(source: string): Found[] {
  const ctx = contextOf(source, '/app/infra/routes/orders.routes.ts');
  const found: Found[] = [];
  routeTableEntryRules(ctx, (_rule, node, _message, extra) => found.push({ line: lineOf(ctx, node), extra }));
  return found;
}

const LOOP = `export function build(scope, props: Props) {
  const { domain } = props;
  for (const route of domain.routes) {
    const fn = new lambda.Function(scope, route.path, { timeout: cdk.Duration.seconds(route.timeoutSeconds ?? DEFAULT) });
    BODY
  }
}`;

describe('tableTimeouts', () => {
  it('reports a default at or above the limit and records the typed table as routed', () => {
    const { handled, found, ctx } = judgeLoop(
      LOOP.replace('DEFAULT', '30').replace('BODY', "new integrations.HttpLambdaIntegration('I', fn);"),
    );
    expect(handled).toBe(true);
    expect(found.map((f) => f.line)).toEqual([9]);
    expect(ctx.fieldRoutes).toEqual([
      {
        owner: { from: '/app/infra/domainStack.ts', source: './routes/types', name: 'DomainRoutes' },
        field: 'routes.[].timeoutSeconds',
        limit: 30,
      },
    ]);
  });

  it('records a loop over an array-typed parameter at the element type', () => {
    const { ctx } = judgeLoop(`import type { RouteDef } from './routes/types';
export function build(scope, routes: RouteDef[]) {
  for (const route of routes) {
    const fn = new lambda.Function(scope, route.path, { timeout: cdk.Duration.seconds(route.timeoutSeconds) });
    new integrations.HttpLambdaIntegration('I', fn);
  }
}`);
    expect(ctx.fieldRoutes.map((r) => [r.owner.name, r.field])).toEqual([['RouteDef', 'timeoutSeconds']]);
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
});

describe('routeTableEntryRules', () => {
  it('raises a candidate per timeout entry of a table typed with a project type, with its path', () => {
    const found = entries(`import type { DomainRoutes } from './types';
export const ordersDomain = (): DomainRoutes => ({
  basePath: 'orders',
  routes: [{ path: 'a', timeoutSeconds: 90 }, { path: 'b', timeoutSeconds: 5 }],
});`);
    const kept = (f: Found) => f.extra?.onlyIfFieldRouted as Candidate['onlyIfFieldRouted'];
    expect(found.map((f) => [f.line, kept(f)])).toEqual([
      [4, { exports: ['DomainRoutes'], field: 'routes.[].timeoutSeconds', seconds: 90, typeFrom: './types' }],
      [4, { exports: ['DomainRoutes'], field: 'routes.[].timeoutSeconds', seconds: 5, typeFrom: './types' }],
    ]);
  });

  it('reads an array type as a table of its element type', () => {
    const found = entries(`import type { RouteDef } from './types';
export const routes: RouteDef[] = [{ path: 'a', timeoutSeconds: 90 }];`);
    expect(found.map((f) => f.extra?.onlyIfFieldRouted?.field)).toEqual(['timeoutSeconds']);
  });

  it('raises nothing for an untyped table or a type from a package', () => {
    expect(entries(`export const routes = [{ path: 'a', timeoutSeconds: 90 }];`)).toEqual([]);
    expect(
      entries(`import type { Props } from 'some-lib';\nexport const p: Props = { timeoutSeconds: 90 };`),
    ).toEqual([]);
  });
});
