// A handler that tests the failure of an awaited Result (`{ ok, error }`, `{ data, error }`, `isErr()`) and
// only answers a value on it is held for the templates, as a catch answering the failure is: kept when what
// invokes the handler reads no answer. The near misses: a branch that throws, hands the error to a callback
// or answers a batch failure; a Result not awaited (a validation); a helper whose caller reads the answer.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../analyzeModule.js';

const swallowed = (source: string) =>
  analyzeModule('/app/src/consumers/piece.js', source).candidates.filter((c) => c.rule === 'swallowed-error');

/** This rule's candidates: line and the handlers whose unread answer keeps it. */
function held(source: string) {
  return swallowed(source)
    .filter((c) => c.message.startsWith('the handler tests the failure the awaited call answers as a value'))
    .map((c) => [c.line, c.onlyIfAnswerUnread]);
}

const wrapped = (body: string) =>
  `import * as Sentry from '@sentry/serverless';\nimport { handlePiece } from '@storacha/filecoin-api/aggregator/events';\nasync function handle(event) {\n${body}\n}\nexport const main = Sentry.AWSLambda.wrapHandler(handle);\n`;

describe('resultFailureAnswer', () => {
  it.each([
    [
      'a destructured error answered 500 (ucanto, filecoin-api)',
      wrapped(
        "  const { ok, error } = await handlePiece(event);\n  if (error) {\n    return { statusCode: 500, body: error.message || 'failed' };\n  }\n  return { statusCode: 200, body: ok };",
      ),
      [[5, ['main']]],
    ],
    [
      'a log, then a 500 (supabase `{ data, error }`)',
      "import { supabase } from './db';\nexport const handler = async () => {\n  const { data, error: readError } = await supabase.from('jobs').select('*');\n  if (readError) {\n    console.error(readError);\n    return { statusCode: 500 };\n  }\n  return { statusCode: 200, body: JSON.stringify(data) };\n};\n",
      [[4, ['handler']]],
    ],
    [
      'a Result held whole and tested for its error field',
      "import { sync } from './sync';\nexport const handler = async (event) => {\n  const result = await sync(event.detail);\n  if (result.error) return { statusCode: 500, body: result.error.message };\n  return { statusCode: 200 };\n};\n",
      [[4, ['handler']]],
    ],
    [
      "neverthrow's isErr()",
      "import { importFeed } from './feed';\nexport const handler = async (event) => {\n  const result = await importFeed(event.detail);\n  if (result.isErr()) {\n    logger.error(result.error);\n    return;\n  }\n  return result.value;\n};\n",
      [[4, ['handler']]],
    ],
    [
      'an `ok` flag denied',
      "import { run } from './run';\nexport const handler = async () => {\n  const { ok, error } = await run();\n  if (!ok) return { error };\n  return ok;\n};\n",
      [[4, ['handler']]],
    ],
  ])('holds %s', (_, source, expected) => {
    expect(held(source)).toEqual(expected);
  });

  it.each([
    [
      'a branch that throws',
      wrapped(
        "  const { ok, error } = await handlePiece(event);\n  if (error) {\n    throw new Error('failed to handle piece', { cause: error });\n  }\n  return ok;",
      ),
    ],
    [
      'a batch failure answered',
      wrapped(
        '  const { error } = await handlePiece(event);\n  if (error) return { batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.messageId })) };\n  return { batchItemFailures: [] };',
      ),
    ],
    [
      'the error handed to the callback',
      "import { run } from './run';\nexports.handler = async (event, context, callback) => {\n  const { error } = await run(event);\n  if (error) return callback(error);\n  callback(null, 'done');\n};\n",
    ],
    [
      'a validation Result, not awaited',
      "import { schema } from './schema';\nexport const handler = async (event) => {\n  const { error, value } = schema.validate(JSON.parse(event.body));\n  if (error) return { statusCode: 400, body: error.message };\n  return { statusCode: 200, body: JSON.stringify(value) };\n};\n",
    ],
    [
      'a branch that does more work',
      wrapped(
        '  const { ok, error } = await handlePiece(event);\n  if (error) {\n    await handlePiece({ ...event, retry: true });\n    return { statusCode: 500 };\n  }\n  return ok;',
      ),
    ],
    [
      'a helper whose caller reads the answer',
      "import { handlePiece } from './piece';\nasync function store(event) {\n  const { error } = await handlePiece(event);\n  if (error) return { failed: true };\n  return { failed: false };\n}\nexport const handler = async (event) => {\n  const answer = await store(event);\n  if (answer.failed) throw new Error('store failed');\n};\n",
    ],
  ])('says nothing of %s', (_, source) => {
    expect(held(source)).toEqual([]);
  });

  it('leaves a logged bare return of a handler that takes no event to queueErrorValues, once', () => {
    // Prepare
    const source =
      "import { importFeed } from './feed';\nexport const handler = async () => {\n  const result = await importFeed();\n  if (result.isErr()) {\n    logger.error(result.error);\n    return;\n  }\n  return result.value;\n};\n";

    // Act
    const found = swallowed(source).map((c) => c.line);

    // Assess
    expect(found).toEqual([6]);
  });
});
