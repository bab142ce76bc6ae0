// Where a CDK gateway-timeout finding lands when several routed functions share one timeout: at the one
// line the fix changes, once, naming how many functions it sets.
import { describe, expect, it } from 'vitest';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { gatewayTimeouts } from './cdkApiFunctions.js';

const FILE = '/app/lib/api.ts';

/** A stack whose body builds functions and routes them; `code` is in scope. */
function moduleOf(body: string): ModuleContext {
  const source = `import { Duration, Stack } from 'aws-cdk-lib';\nimport * as apigw from 'aws-cdk-lib/aws-apigateway';\nimport * as lambda from 'aws-cdk-lib/aws-lambda';\nexport class S extends Stack {\nconstructor(code) {\nsuper();\n${body}\n}\n}\n`;
  return contextOf(source, FILE);
}

/** The line (within the body) and message of each gateway-timeout finding. */
function findings(body: string): { line: number; message: string }[] {
  const ctx = moduleOf(body);
  const out: { line: number; message: string }[] = [];
  gatewayTimeouts(ctx, (rule, at, message) => {
    if (rule === 'iac-gateway-timeout-exceeds-lambda')
      out.push({ line: ctx.position(at.start as number).line - 6, message });
  });
  return out;
}

const fn = (id: string, timeout: string) =>
  `const ${id} = new lambda.Function(this, '${id}', { code, handler: '${id}.handler', ${timeout} });`;
const routed = (...ids: string[]) =>
  [
    "const api = new apigw.RestApi(this, 'Api');",
    ...ids.map(
      (id) => `api.root.addResource('${id}').addMethod('POST', new apigw.LambdaIntegration(${id}));`,
    ),
  ].join('\n');

describe('gatewayTimeouts, one constant read by several routed functions', () => {
  it.each([
    ['the shorthand `timeout`', 'const timeout = Duration.minutes(2);', 'timeout'],
    ['a named constant', 'const API_TIMEOUT = Duration.minutes(2);', 'timeout: API_TIMEOUT'],
    ['a constant number of seconds', 'const SECONDS = 120;', 'timeout: Duration.seconds(SECONDS)'],
  ])('reports %s once, at its declaration, naming the functions', (_case, constant, prop) => {
    const body = [constant, fn('a', prop), fn('b', prop), fn('c', prop), routed('a', 'b', 'c')].join('\n');

    const found = findings(body);

    expect(found).toEqual([{ line: 1, message: expect.stringMatching(/shared by 3 functions/) }]);
  });

  it('keeps one routed function at its own property: the constant may time functions no gateway waits on', () => {
    const body = [
      'const timeout = Duration.minutes(2);',
      fn('a', 'timeout'),
      fn('worker', 'timeout'),
      routed('a'),
    ].join('\n');

    expect(findings(body).map((f) => f.line)).toEqual([2]);
  });

  it('keeps one props object shared by several routed functions at its own property, as before', () => {
    const body = [
      'const timeout = Duration.minutes(2);',
      "const props = { code, handler: 'h.handler', timeout };",
      "const a = new lambda.Function(this, 'a', props);",
      "const b = new lambda.Function(this, 'b', props);",
      routed('a', 'b'),
    ].join('\n');

    expect(findings(body)).toEqual([{ line: 2, message: expect.stringMatching(/shared by 2 functions/) }]);
  });

  it('keeps timeouts written at each construct at each construct', () => {
    const body = [
      fn('a', 'timeout: Duration.minutes(2)'),
      fn('b', 'timeout: Duration.minutes(2)'),
      routed('a', 'b'),
    ].join('\n');

    expect(findings(body).map((f) => f.line)).toEqual([1, 2]);
  });
});
