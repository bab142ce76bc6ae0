import { describe, expect, it } from 'vitest';
import { isBatch } from './handlerTypes.js';
import { contextOf, firstOfType } from './testing/parsed.js';

/** isBatch of the module's first function declaration. */
function batchOf(source: string): boolean {
  const ctx = contextOf(source);
  return isBatch(ctx, firstOfType(source, 'FunctionDeclaration'));
}

describe('isBatch: a handler typed by an event type the project declares in another module', () => {
  it('judges the body like an untyped event: Records and a queue record field', () => {
    expect(
      batchOf(
        "import { QueueEvent } from '../common/events';\nasync function run(event: QueueEvent) { return JSON.parse(event.Records[0].body); }",
      ),
    ).toBe(true);
  });

  it('reads a stream record field the same way', () => {
    expect(
      batchOf(
        "import { TableStream } from './shapes';\nasync function run(event: TableStream) { for (const r of event.Records) await put(r.dynamodb); }",
      ),
    ).toBe(true);
  });

  it('does not read a type-only import yet (left for a later round)', () => {
    expect(
      batchOf(
        "import type { QueueEvent } from '../common/events';\nasync function run(event: QueueEvent) { return JSON.parse(event.Records[0].body); }",
      ),
    ).toBe(false);
  });

  it('is not a batch when the records carry no queue or stream field (S3 notifications)', () => {
    expect(
      batchOf(
        "import { UploadEvent } from './shapes';\nasync function run(event: UploadEvent) { for (const r of event.Records) await put(r.s3.object.key); }",
      ),
    ).toBe(false);
  });

  it('keeps a package type it does not know out (not the project: its shape is not guessed)', () => {
    expect(
      batchOf(
        "import type { QueueEvent } from 'some-lib';\nasync function run(event: QueueEvent) { return JSON.parse(event.Records[0].body); }",
      ),
    ).toBe(false);
  });

  it('does not take the file path as evidence for a typed event', () => {
    const source =
      "import { Job } from './jobs';\nasync function run(event: Job) { for (const r of event.Records) await put(r); }";
    expect(isBatch(contextOf(source, 'src/sqs/worker.ts'), firstOfType(source, 'FunctionDeclaration'))).toBe(
      false,
    );
  });
});
