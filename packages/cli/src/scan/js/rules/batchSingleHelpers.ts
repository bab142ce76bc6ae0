// A batch handler that hands its records to a helper refusing more than one (`const message =
// getSingleMessageOrFail(event.Records, name)`, whose body throws when `records.length > 1`) refuses a larger
// batch loudly, as one testing `event.Records.length` itself does (batchSingleRecord.ts): the whole batch is
// redelivered and dead-lettered, nothing is acknowledged unread. The helper usually lives in a shared module,
// so the handler's module names the imports it hands its records to and the project pass asks each whether
// it refuses a batch (ExportFact.refusesBatch).
import { memberPath, type Node, someDescendant, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import { type ModuleContext, mayBeProjectSource } from '../ModuleContext.js';
import { refusesBatches } from './batchSingleRecord.js';

/**
 * Does the function throw whenever the list (or event) it is handed as its first argument holds more than
 * one record: `if (records.length > 1) throw ...`, `if (event.Records.length !== 1) throw ...`?
 * @example
 * refusesBatchArg(fn) // (records, name) => { if (records.length > 1) throw new Error('one'); return records[0]; } -> true
 */
export function refusesBatchArg(fn: Node): boolean {
  const first = unwrap((fn.params as Node[])[0]);
  if (first?.type !== 'Identifier') return false;
  const name = first.name as string;
  return refusesBatches(fn, (path) => path[0] === name && (path.length === 1 || path.at(-1) === 'Records'));
}

/** What a handler hands its records (or its event) to: functions of its module, and imports to ask. */
export interface SingleRecordHelpers {
  /** A function of the handler's own module that refuses a batch receives them. */
  readonly local: boolean;
  /** Project imports that receive them, outside any loop: one refusing a batch clears the handler. */
  readonly imports: readonly ImportRef[];
}

/**
 * The functions a batch handler hands `event.Records` (or `event`) to as first argument, outside a loop over
 * the records: `getSingleMessageOrFail(event.Records, lambdaName)`.
 */
export function singleRecordHelpers(ctx: ModuleContext, fn: Node): SingleRecordHelpers {
  const first = unwrap((fn.params as Node[])[0]);
  if (first?.type !== 'Identifier') return { local: false, imports: [] };
  const event = first.name as string;
  let local = false;
  const imports: ImportRef[] = [];
  someDescendant(
    fn.body as Node,
    (n) => {
      if (n.type !== 'CallExpression') return false;
      const arg = unwrap((n.arguments as Node[])[0]);
      const path = arg === undefined ? undefined : memberPath(arg);
      if (path?.[0] !== event || !(path.length === 1 || (path.length === 2 && path[1] === 'Records')))
        return false;
      const callee = unwrap(n.callee);
      if (callee?.type !== 'Identifier') return false;
      const own = ctx.functionOf(callee);
      if (own !== undefined && refusesBatchArg(own)) local = true;
      const imp = ctx.importOf(callee.name as string, callee);
      if (imp !== undefined && imp.imported !== '*' && mayBeProjectSource(imp.source))
        imports.push({ from: ctx.file, source: imp.source, name: imp.imported });
      return local;
    },
    true,
  );
  return { local, imports };
}
