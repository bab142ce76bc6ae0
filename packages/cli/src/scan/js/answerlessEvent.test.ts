import { describe, expect, it } from 'vitest';
import { answerlessEvent, errorHandedAnswer } from './answerlessEvent.js';
import { forEachDescendant, isFunction, type Node } from './ast.js';
import { contextOf } from './testing/parsed.js';

/** Is the first function of the module (a method counts) one whose event type says its answer is unread? */
function judge(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  let fn: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (fn === undefined && isFunction(n)) fn = n;
    return fn === undefined;
  });
  if (fn === undefined) throw new Error(`no function in ${source}`);
  return answerlessEvent(ctx, fn);
}

/** Does the first catch's last return hand the caught error to a helper that answers a value? */
function handed(source: string): boolean {
  const ctx = contextOf(source, 'm.ts');
  const clause = ctx.of('CatchClause')[0] as Node;
  const body = (clause.body as Node).body as Node[];
  const last = body.at(-1) as Node;
  return errorHandedAnswer(ctx, last.argument as Node, clause.param?.name as string, clause);
}

describe('answerlessEvent', () => {
  it('takes a queue, S3 or schedule type at its word, on a handler or a method', () => {
    expect(judge('export const handler = async (e: SQSEvent) => run(e);')).toBe(true);
    expect(judge('export async function refresh(_event: ScheduledEvent) { await run(); }')).toBe(true);
    expect(judge('class Q { async refresh(records: SQSRecord[]) { await run(records); } }')).toBe(true);
    expect(judge('class C { async upload(request: S3Event) { await run(request); } }')).toBe(true);
    expect(judge('export const h: SNSHandler = async (e) => run(e);')).toBe(true);
  });

  it('counts a union with an API event: the queue path still loses the answer', () => {
    expect(judge('export async function add(event: APIGatewayEvent | SQSEvent) { await run(event); }')).toBe(
      true,
    );
  });

  it('leaves API, CloudFront and untyped events alone (an untyped one waits for a template)', () => {
    expect(judge('export const h = async (e: APIGatewayProxyEvent) => run(e);')).toBe(false);
    expect(judge('export const h = async (e: CloudFrontRequestEvent) => run(e);')).toBe(false);
    expect(judge('export const h = async (e: any) => JSON.parse(e.Records[0].body);')).toBe(false);
    expect(judge('export const h = async () => run();')).toBe(false);
  });
});

describe('errorHandedAnswer', () => {
  it('reads a class mapper or an imported builder handed the caught error as the answer', () => {
    expect(
      handed(
        'class C { async a(e: S3Event) { try { await run(); } catch (err) { return this.toAnswer(err); } } toAnswer(x) { return { statusCode: 500 }; } }',
      ),
    ).toBe(true);
    expect(
      handed(
        "import { error } from './http'; async function a() { try { await run(); } catch (e) { return error(e); } }",
      ),
    ).toBe(true);
  });

  it('does not when the mapper throws, the call raises by name, or the error is not handed on', () => {
    expect(
      handed(
        'class C { async a(e: S3Event) { try { await run(); } catch (err) { return this.strict(err); } } strict(x) { if (x.code) return {}; throw x; } }',
      ),
    ).toBe(false);
    expect(handed('async function a() { try { await run(); } catch (e) { return rethrow(e); } }')).toBe(
      false,
    );
    expect(
      handed('async function a(event) { try { await run(); } catch (e) { return failAll(event, e); } }'),
    ).toBe(false);
    expect(
      handed(
        'const fail = (e) => ({ batchItemFailures: [] }); async function a(x: SQSEvent) { try { await run(); } catch (e) { return fail(e); } }',
      ),
    ).toBe(false);
    expect(handed('async function a() { try { await run(); } catch (e) { return answer(500); } }')).toBe(
      false,
    );
  });
});
