import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { sstApiTimeoutRules } from './sstApiTimeouts.js';

/** Lines of the gateway findings for an SST v2 Api whose one route is `route`, with a 30 s default. */
function lines(route: string): number[] {
  const source = `import { Api } from 'sst/constructs';
new Api(stack, 'admin', {
  defaults: { function: { timeout: 30 } },
  routes: { 'POST /x': ${route} },
});
`;
  const found: number[] = [];
  sstApiTimeoutRules(contextOf(source), (rule, node: Node) => {
    if (rule === 'iac-gateway-timeout-exceeds-lambda')
      found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

describe('SST v2 route types', () => {
  it.each([
    [
      'a GraphQL route, whose function takes the defaults',
      "{ type: 'graphql', function: { handler: 'src/graphql.handler' } }",
      [3],
    ],
    ['a function route', "{ type: 'function', function: { handler: 'src/x.handler' } }", [3]],
    ['a URL route, which runs no function', "{ type: 'url', url: 'https://example.com' }", []],
    ['an ALB route', "{ type: 'alb', cdk: { albListener: listener } }", []],
  ])('%s', (_name, route, expected) => {
    expect(lines(route)).toEqual(expected);
  });
});
