// batch-no-partial-failure for a handler that hands its whole event to a decoder of the project's own
// (`const decoded = await eventDecoder.decodeRecordsFromEvent(event)`): its own code never names a
// record, so the module alone cannot tell it consumes a batch. The decoder's module can: it reads
// `event.Records` and a field only queue or stream records carry (ExportFact.batchEvent). The finding is
// kept when one of the functions the handler hands its event to is such a decoder.
import { isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import { namespaceMember } from '../asyncMethods.js';
import type { ImportRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { namedRecordCallbackReadsPolled } from '../recordCallbacks.js';

/** Words of a partial batch answer, built by hand or by Powertools. */
const PARTIAL_ANSWER = /\b(batchItemFailures|itemIdentifier|processPartialResponse|BatchProcessor)\b/;

/** Fields only SQS records (body, ids) or stream records (kinesis, dynamodb) carry. */
const RECORD_FIELDS = /\.(body|messageId|receiptHandle|kinesis|dynamodb)\b/;

/**
 * The function reads a queue or stream batch from its first parameter: `event.Records` and a record field.
 *
 * @example
 * readsBatchEvent(ctx, fn) // (event) => event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64')) -> true
 */
export function readsBatchEvent(ctx: ModuleContext, fn: Node): boolean {
  if (!isFunction(fn)) return false;
  const first = (fn.params as Node[])[0];
  if (first?.type !== 'Identifier') return false;
  const text = ctx.source.slice(fn.start, fn.end);
  const records = `${first.name as string}.Records`;
  if (!text.includes(records) || /\.(s3|Sns|cf)\b/.test(text)) return false;
  // The field may be read by a function of the module each record is handed to (`decodeJson(r)`).
  if (!RECORD_FIELDS.test(text) && !namedRecordCallbackReadsPolled(ctx, fn)) return false;
  // A function that answers partial failures itself.
  if (PARTIAL_ANSWER.test(text)) return false;
  // Only ever `event.Records[0]`: written for a one-record batch (often asserted: `Records.length > 1` throws).
  return text
    .split(records)
    .slice(1)
    .some((after) => !/^\s*\[\s*0\s*\]/.test(after));
}

/**
 * The project functions a handler hands its event to whole (`decode(event)`, `decoder.decode(event)` of a
 * required module), for the project pass to ask whether one reads a batch from it.
 */
export function eventDecoders(ctx: ModuleContext, fn: Node): ImportRef[] {
  const first = (fn.params as Node[])[0];
  if (first?.type !== 'Identifier') return [];
  const event = first.name as string;
  const refs: ImportRef[] = [];
  someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'CallExpression') return false;
    if (!(n.arguments as Node[]).some((a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === event))
      return false;
    // `return decode(event)`: the decoder's answer is the handler's, and may name the failed records.
    const up = ctx.climb(n, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
    if (up.parent?.type === 'ReturnStatement') return false;
    if (up.parent !== undefined && isFunction(up.parent) && up.parent.body === up.node) return false;
    const callee = unwrap(n.callee);
    if (callee?.type === 'Identifier') {
      const imp = ctx.importOf(callee.name as string, callee);
      if (imp !== undefined && imp.imported !== '*' && mayBeProjectSource(imp.source))
        refs.push({ from: ctx.file, source: imp.source, name: imp.imported });
    } else {
      const member = namespaceMember(ctx, callee);
      if (member !== undefined) refs.push({ from: ctx.file, ...member });
    }
    return false;
  });
  return refs;
}
