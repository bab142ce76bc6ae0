// A handler's catch that logs failed I/O and answers a fixed message is held for the templates: kept when
// what invokes the handler reads no answer (a stream, a queue, a schedule). The near misses: no I/O in the
// try, a value computed from the work, an answer that is not the handler's (a helper whose caller reads it).
import { describe, expect, it } from 'vitest';
import { analyzeModule } from '../analyzeModule.js';

/** The swallowed-error candidates of the module: line and the handlers whose unread answer keeps it. */
function held(source: string) {
  return analyzeModule('/app/src/streams/indexer.js', source)
    .candidates.filter((c) => c.rule === 'swallowed-error')
    .map((c) => [c.line, c.onlyIfAnswerUnread]);
}

describe('constantUnreadAnswer', () => {
  it.each([
    [
      'in the entry handler',
      "exports.handler = async (event) => {\n  try {\n    await upload(event.Records);\n  } catch (err) {\n    log.error(err);\n    return 'Could not process records';\n  }\n};\n",
    ],
    [
      'in the function whose answer the entry returns',
      'const run = async (event) => {\n  try {\n    await upload(event.Records);\n  } catch (err) {\n    log.error(err);\n    return `failed`;\n  }\n};\nexports.handler = async (event) => run(event);\n',
    ],
  ])('holds a fixed message %s', (_, source) => {
    expect(held(source)).toEqual([[4, ['handler']]]);
  });

  it.each([
    [
      'no I/O in the try',
      "exports.handler = async (event) => {\n  try {\n    JSON.parse(event.body);\n  } catch (err) {\n    log.error(err);\n    return 'bad input';\n  }\n};\n",
    ],
    [
      'an answer built from the error',
      "exports.handler = async (event) => {\n  try {\n    await upload(event.Records);\n  } catch (err) {\n    log.error(err);\n    return 'failed: ' + err.message;\n  }\n};\n",
    ],
    [
      'a helper whose caller reads the answer',
      "const run = async (event) => {\n  try {\n    await upload(event.Records);\n  } catch (err) {\n    log.error(err);\n    return 'failed';\n  }\n};\nexports.handler = async (event) => {\n  const answer = await run(event);\n  if (answer === 'failed') throw new Error(answer);\n};\n",
    ],
  ])('says nothing of %s', (_, source) => {
    expect(held(source)).toEqual([]);
  });
});
