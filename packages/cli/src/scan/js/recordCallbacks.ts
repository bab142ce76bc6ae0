// A batch handler often hands each record to a function of its module by name (`Records.map(processRecord)`,
// `for (const r of event.Records) await saveRecord(r)`), so the handler's own text shows no record field.
// Only an event source mapping hands Lambda `Records` whose items carry an SQS `body`/`messageId`/
// `receiptHandle` or a stream's `kinesis`/`dynamodb` (S3 and SNS records carry `s3`/`Sns`), so the field
// the named function reads from its parameter says which source the records come from.
import { isFunction, type Node, propertyName, someDescendant } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** Fields only an SQS or stream record carries: a loop reading one is over a polled batch. */
export const POLLED_FIELDS = new Set([
  'body',
  'messageId',
  'receiptHandle',
  'md5OfBody',
  'kinesis',
  'dynamodb',
]);
const PER_RECORD = new Set(['map', 'forEach', 'flatMap']);

/** Does `expr` stand for the batch's records: `<event>.Records`, or the local `records` name destructured from it? */
function isRecords(expr: Node | undefined, records: string): boolean {
  if (expr?.type === 'Identifier') return expr.name === records;
  return (
    expr?.type === 'MemberExpression' && propertyName(expr.property as Node, expr.computed) === 'Records'
  );
}

/** The parameter at `index` of `fn` reads a polled record's own field (`({ body }) =>`, `(r) => JSON.parse(r.body)`). */
function readsPolledField(ctx: ModuleContext, fn: Node, index: number): boolean {
  const param = (fn.params as Node[])[index];
  if (param?.type === 'ObjectPattern')
    return (param.properties as Node[]).some(
      (p) => p.type === 'Property' && POLLED_FIELDS.has(propertyName(p.key as Node, p.computed) ?? ''),
    );
  if (param?.type !== 'Identifier') return false;
  const name = param.name as string;
  if (
    !new RegExp(`\\b${name}\\s*\\??\\.\\s*(${[...POLLED_FIELDS].join('|')})\\b`).test(
      ctx.source.slice(fn.start, fn.end),
    )
  )
    return false;
  return someDescendant(
    fn.body,
    (n) =>
      n.type === 'MemberExpression' &&
      n.object?.type === 'Identifier' &&
      n.object.name === name &&
      POLLED_FIELDS.has(propertyName(n.property as Node, n.computed) ?? ''),
  );
}

/**
 * True when `fn` hands each of its records to a function of its module that reads an SQS or stream
 * record's own field: `Records.map(processRecord)` (the name as the callback), or a call with a for-of
 * loop's or an inline callback's record (`for (const r of event.Records) await saveRecord(r)`,
 * `event.Records.map((r) => decodeJson(r))`).
 * @param records the local name the records go by (`Records` of `({ Records }) =>`), if destructured.
 * @example
 * namedRecordCallbackReadsPolled(ctx, fn, 'Records') // const f = ({ body }) => ...; async ({ Records }) => Promise.all(Records.map(f)) -> true
 */
export function namedRecordCallbackReadsPolled(ctx: ModuleContext, fn: Node, records = '\0'): boolean {
  const loopRecords = new Set<string>();
  return someDescendant(fn.body, (n) => {
    if (n.type === 'ForOfStatement' && isRecords(n.right as Node, records)) {
      const decl = (n.left as Node).type === 'VariableDeclaration' ? n.left.declarations?.[0]?.id : n.left;
      if (decl?.type === 'Identifier') loopRecords.add(decl.name as string);
      return false;
    }
    if (n.type !== 'CallExpression') return false;
    const args = n.arguments as Node[];
    const callee = n.callee as Node;
    const overRecords =
      callee.type === 'MemberExpression' &&
      PER_RECORD.has(propertyName(callee.property as Node, callee.computed) ?? '') &&
      isRecords(callee.object as Node, records);
    // An inline callback's record (`Records.map((r) => decodeJson(r) || decodeLines(r))`) is followed like a loop's.
    const first = args[0];
    const inline =
      overRecords && first !== undefined && isFunction(first) ? (first.params as Node[])[0] : undefined;
    if (inline?.type === 'Identifier') loopRecords.add(inline.name as string);
    const perRecord = overRecords && args[0]?.type === 'Identifier';
    // A counted loop hands the record by index (`for (let i = 0; ...) work(event.Records[i])`).
    const index = perRecord
      ? 0
      : args.findIndex(
          (a) =>
            (a.type === 'Identifier' && loopRecords.has(a.name as string)) ||
            (a.type === 'MemberExpression' && a.computed === true && isRecords(a.object as Node, records)),
        );
    const target = perRecord ? args[0] : index >= 0 ? callee : undefined;
    // The callee may be the module's own export called through its exports object (ownExportCalls.ts).
    if (target?.type !== 'Identifier' && target?.type !== 'MemberExpression') return false;
    const named = ctx.functionOf(target);
    return named !== undefined && named !== fn && readsPolledField(ctx, named, index);
  });
}
