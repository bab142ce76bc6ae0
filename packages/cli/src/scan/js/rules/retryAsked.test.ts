// Where no-retry asks for a retry at all: not in a redelivered consumer (its redelivery is the retry), nor
// in a health check, nor where the failure is classified and answered to the caller.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { isRedeliveredConsumer, retryAsked } from './retryAsked.js';

/** The module's context and its first call of `fetch`. */
function fetchIn(source: string): { ctx: ModuleContext; call: Node } {
  const ctx = contextOf(source);
  const call = ctx.of('CallExpression').find((c) => (c.callee as Node).name === 'fetch') as Node;
  return { ctx, call };
}

describe('retryAsked', () => {
  it('asks for a retry of a request an API handler makes', () => {
    // Prepare
    const { ctx, call } = fetchIn(
      [
        "import type { APIGatewayProxyEvent } from 'aws-lambda';",
        'export const handler = async (event: APIGatewayProxyEvent) => {',
        '  const res = await fetch("https://api.example.com/items/" + event.pathParameters?.id);',
        '  return { statusCode: 200, body: await res.text() };',
        '};',
      ].join('\n'),
    );

    // Act
    const asked = retryAsked(ctx, call);

    // Assess
    expect(asked).toEqual({});
  });

  it('asks for none in an SQS consumer: the redelivery is the retry', () => {
    // Prepare
    const { ctx, call } = fetchIn(
      [
        "import type { SQSEvent } from 'aws-lambda';",
        'export const handler = async (event: SQSEvent) => {',
        '  for (const record of event.Records) await fetch("https://api.example.com/" + record.body);',
        '};',
      ].join('\n'),
    );

    // Act
    const asked = retryAsked(ctx, call);

    // Assess
    expect(isRedeliveredConsumer(ctx)).toBe(true);
    expect(asked).toBeUndefined();
  });

  it('asks for none where the failure is classified and answered to the caller', () => {
    // Prepare
    const { ctx, call } = fetchIn(
      [
        "import type { APIGatewayProxyEvent } from 'aws-lambda';",
        'export const handler = async (event: APIGatewayProxyEvent) => {',
        '  try {',
        '    const res = await fetch("https://api.example.com/" + event.body);',
        '    return { statusCode: 200, body: await res.text() };',
        '  } catch (e) {',
        '    return toProblemDetails(classify(e));',
        '  }',
        '};',
      ].join('\n'),
    );

    // Act
    const asked = retryAsked(ctx, call);

    // Assess
    expect(asked).toBeUndefined();
  });
});
