// A factory's timeout read from a field of a module settings object: every function it builds runs with
// that value, reported where it is written (cdkHelperDefaults.ts).
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { helperDefaultTimeouts } from './cdkHelperDefaults.js';

/** The lines helperDefaultTimeouts reports in a factory module whose settings are `settings`. */
function reported(settings: string, timeout = 'defaultLambdaSettings.timeout'): number[] {
  const source = [
    "import { Duration } from 'aws-cdk-lib';",
    "import * as lambda from 'aws-cdk-lib/aws-lambda';",
    `export const defaultLambdaSettings = ${settings};`,
    'export function lambdaBuilder(stack, id, folder) {',
    `  return new lambda.Function(stack, id, { code: lambda.Code.fromAsset(folder), handler: 'index.handler', timeout: ${timeout} });`,
    '}',
  ].join('\n');
  const lines: number[] = [];
  helperDefaultTimeouts(contextOf(source), (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

describe('a factory timeout from a settings object', () => {
  it('reports the settings value above the gateway limit', () => {
    expect(reported('{ logRetention: 30, timeout: Duration.seconds(30) }')).toEqual([3]);
  });

  it.each([
    ['a value within the limit', '{ timeout: Duration.seconds(10) }', 'defaultLambdaSettings.timeout'],
    [
      'a spread settings object',
      '{ ...base, timeout: Duration.seconds(30) }',
      'defaultLambdaSettings.timeout',
    ],
    ['a field the object does not write', '{ memory: 512 }', 'defaultLambdaSettings.timeout'],
  ])('stays silent for %s', (_name, settings, timeout) => {
    expect(reported(settings, timeout)).toEqual([]);
  });
});
