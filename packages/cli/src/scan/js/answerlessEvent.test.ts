import { describe, expect, it } from 'vitest';
import { answerlessEvent } from './answerlessEvent.js';
import { contextOf } from './testing/parsed.js';

/** The module's first exported entry handler, as the scan finds it. */
function judge(source: string, file = 'm.ts'): boolean {
  const ctx = contextOf(source, file);
  const fn = [...ctx.handlers].find(([, kind]) => kind === 'entry')?.[0];
  if (fn === undefined) throw new Error(`no handler in ${source}`);
  return answerlessEvent(ctx, fn);
}

describe('answerlessEvent', () => {
  it('reads an untyped event whose Records the handler reads as a queue delivery', () => {
    expect(judge('export const handler = async (events: any) => JSON.parse(events.Records[0].body);')).toBe(
      true,
    );
    expect(
      judge('exports.handler = async (event) => { for (const r of event.Records) await save(r); };', 'm.js'),
    ).toBe(true);
  });

  it('takes a queue or schedule type at its word', () => {
    expect(
      judge(
        "import type { SQSEvent } from 'aws-lambda'; export const handler = async (e: SQSEvent) => run(e);",
      ),
    ).toBe(true);
    expect(judge('export async function refresh(_event: ScheduledEvent) { await run(); }')).toBe(true);
  });

  it('refuses a module that reads a request or names an HTTP or CloudFront type', () => {
    expect(judge('export const handler = async (event: any) => save(JSON.parse(event.body));')).toBe(false);
    expect(
      judge(
        'export const handler = async (event: any) => save(event.Records[0].body);\nexport const apiHandler = async (event: any) => save(event.body);',
      ),
    ).toBe(false);
    expect(judge('export const handler = async (event: APIGatewayProxyEvent) => save(event.Records);')).toBe(
      false,
    );
    expect(
      judge('export const handler: CloudFrontRequestHandler = async (event) => event.Records[0].cf.request;'),
    ).toBe(false);
  });

  it('does not guess from a project type, a CloudFront record or an event it never reads', () => {
    expect(judge('export const handler = async (event: OrderEvent) => save(event.Records);')).toBe(false);
    expect(judge('export const handler = async (event) => event.Records[0].cf.request;', 'm.js')).toBe(false);
    expect(judge('export const handler = async () => run();')).toBe(false);
  });
});
