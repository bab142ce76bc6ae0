import { describe, expect, it } from 'vitest';
import { forEachDescendant, isFunction, type Node } from './ast.js';
import { answerlessEventType } from './handlerTypes.js';
import { contextOf } from './testing/parsed.js';

/** The event type the module's first function says its invoker reads no answer of, if any. */
function typeOf(source: string): string | undefined {
  const ctx = contextOf(source, 'm.ts');
  let fn: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (fn === undefined && isFunction(n)) fn = n;
    return fn === undefined;
  });
  if (fn === undefined) throw new Error(`no function in ${source}`);
  return answerlessEventType(ctx, fn);
}

describe('answerlessEventType', () => {
  it('reads a queue, stream, notification or schedule type on the parameter or the variable', () => {
    expect(typeOf('export const h = async (event: SQSEvent) => run(event);')).toBe('SQSEvent');
    expect(typeOf('export const h = async ({ Records }: DynamoDBStreamEvent) => run(Records);')).toBe(
      'DynamoDBStreamEvent',
    );
    expect(typeOf('export async function h(_e: ScheduledEvent) { await run(); }')).toBe('ScheduledEvent');
    expect(typeOf('export const h: SNSHandler = async (e) => run(e);')).toBe('SNSHandler');
    expect(typeOf('export const h: lambda.Handler<S3Event, void> = async (e) => run(e);')).toBe('S3Event');
    expect(typeOf('export const h = async (e: EventBridgeEvent<"a", T>) => run(e);')).toBe(
      'EventBridgeEvent',
    );
  });

  it('leaves unions, records, answer-reading sources and untyped events alone', () => {
    expect(typeOf('export const h = async (e: APIGatewayProxyEvent | SQSEvent) => run(e);')).toBeUndefined();
    expect(typeOf('async function p(record: SQSRecord) { await run(record); }')).toBeUndefined();
    expect(typeOf('async function p(records: SQSRecord[]) { await run(records); }')).toBeUndefined();
    expect(typeOf('export const h = async (e: S3BatchEvent) => run(e);')).toBeUndefined();
    expect(typeOf('export const h = async (e: FirehoseTransformationEvent) => run(e);')).toBeUndefined();
    expect(typeOf('export const h = async (e: SESEvent) => run(e);')).toBeUndefined();
    expect(typeOf('export const h: Handler = async (e) => run(e);')).toBeUndefined();
    expect(typeOf('export const h: Handler<APIGatewayProxyEvent> = async (e) => run(e);')).toBeUndefined();
    expect(typeOf('export const h = async (e: any) => run(e.Records);')).toBeUndefined();
  });
});
