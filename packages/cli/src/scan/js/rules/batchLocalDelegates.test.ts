// A stream or queue handler that hands its whole event to a function of its own module is judged through
// that function: the batch finding lands on the entry (the export the template wires), and a near miss
// (the delegate answers batchItemFailures, the handler works the event itself, the delegate is exported
// or takes something else than the event) is judged as before.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../analyzeModule.js';

/** The batch-no-partial-failure lines of the module. */
function batchLines(source: string): number[] {
  return analyzeModule('/app/src/streams/indexer.js', source)
    .candidates.filter((c) => c.rule === 'batch-no-partial-failure')
    .map((c) => c.line);
}

const DELEGATE = `const { upload } = require('./search');
const write = async (event) => {
  try {
    for (const record of event.Records) await upload(record.dynamodb.NewImage);
  } catch (err) {
    log.error(err);
  }
};
`;

describe('batch handlers that delegate to a function of their module', () => {
  it.each([
    ['returning its answer', 'exports.handler = async (event) => {\n  return write(event);\n};'],
    ['awaiting it', 'exports.handler = async (event, context) => {\n  await write(event, context);\n};'],
    ['as an arrow body', 'exports.handler = async (event) =>\n  write(event);'],
  ])('judges the delegate at the entry: %s', (_, entry) => {
    // Prepare
    const source = `${DELEGATE}${entry}\n`;

    // Act / Assess
    expect(batchLines(source)).toEqual([9]);
  });

  it.each([
    [
      'a delegate that answers batchItemFailures',
      "const { upload } = require('./search');\nconst write = async (event) => {\n  const batchItemFailures = [];\n  for (const record of event.Records) {\n    try { await upload(record); } catch { batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber }); }\n  }\n  return { batchItemFailures };\n};\nexports.handler = async (event) => write(event);\n",
    ],
    [
      'a delegate handed a field, not the event',
      `${DELEGATE}exports.handler = async (event) => write(event.detail);\n`,
    ],
    [
      'an exported delegate (an entry of its own)',
      `${DELEGATE}exports.write = write;\nexports.handler = async (event) => write(event);\n`,
    ],
    [
      'a call under a try of the entry, which answers for it',
      `${DELEGATE}exports.handler = async (event) => {\n  try { return await write(event); } catch (e) { throw e; }\n};\n`,
    ],
  ])('says nothing at the entry for %s', (_, source) => {
    expect(batchLines(source)).toEqual([]);
  });
});
