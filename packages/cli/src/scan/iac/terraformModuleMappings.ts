// batch-no-partial-failure for an event source mapping a local module builds from its variables: the
// module is called once per consumer with the queue, and maybe `function_response_types` or `batch_size`,
// as arguments (terraformModuleBindings.ts). The mapping is judged once per instance: each call, each
// binding of a variable through the callers' own callers, each entry of a call's `for_each` map and each
// entry of the mapping's own `for_each` (after the module's locals are expanded). Its finding is kept when
// one instance polls an SQS queue or a stream (a resource reference says so: `aws_sqs_queue.`,
// `aws_kinesis_stream.`, `.stream_arn`, an `arn:aws:sqs:` ARN) and neither reports item failures nor polls
// one record at a time; the message names those calls. An instance whose source, response types or batch
// size keeps an unbound `var.`, `local.` or `each.` name, or whose `for_each` entries are not spelled out,
// is not judged. A module nobody in the project calls is judged with its variables' defaults.
import type { Candidate } from '../js/Candidate.js';
import { listCalls } from '../listCalls.js';
import { eachIn, entriesOf } from './terraformEntries.js';
import type { BindingIndex } from './terraformModuleBindings.js';

/** A mapping's inputs as its file writes them. */
export interface ModuleMappingRef {
  readonly arn: string;
  readonly types: string;
  readonly batch: string;
  /** The mapping's own `for_each`, when its inputs read `each.*`. */
  readonly forEach?: string;
  /** The file itself shows the source is a queue or stream; only the settings are bound. */
  readonly known: boolean;
}

const SOURCE_KIND = /\baws_sqs_queue\.|\baws_kinesis_stream\.|\.stream_arn\b|arn:aws:sqs:/;
const UNBOUND = /\b(?:var|local|each)\./;

/** Does one instance of the mapping, its inputs bound, leave one failed record failing the whole batch? */
function wholeBatch(arn: string, types: string, batch: string, known: boolean): boolean {
  if (types.includes('ReportBatchItemFailures') || UNBOUND.test(types)) return false;
  const size = batch.trim();
  if (size !== '' && !/^"?\d+"?$/.test(size)) return false;
  if (/^"?1"?$/.test(size)) return false;
  return known || (!UNBOUND.test(arn) && SOURCE_KIND.test(arn));
}

/** The mapping's instances under one binding of its module: one per entry of its own `for_each`. */
function wholeInstances(ref: ModuleMappingRef, expand: (raw: string) => string): boolean {
  const bound = [ref.arn, ref.types, ref.batch].map(expand);
  if (ref.forEach === undefined) return wholeBatch(bound[0] ?? '', bound[1] ?? '', bound[2] ?? '', ref.known);
  const entries = entriesOf(expand(ref.forEach));
  if (entries === undefined) return false;
  return entries.some((e) => {
    const [arn, types, batch] = bound.map((raw) => eachIn(raw, e));
    return wholeBatch(arn ?? '', types ?? '', batch ?? '', ref.known);
  });
}

/** Keeps a module mapping's finding when some instance of it fails whole batches; names those calls. */
export function moduleMappingFinding(
  index: BindingIndex,
  dir: string,
  c: Candidate,
  ref: ModuleMappingRef,
): Candidate | undefined {
  const local = (raw: string) => index.withLocals(dir, raw);
  if (index.callers(dir).length === 0)
    return wholeInstances(ref, (raw) => index.withDefaults(dir, local(raw))) ? c : undefined;
  const whole = index
    .bindingsOf(dir)
    .filter((b) => wholeInstances(ref, (raw) => b.expand(local(raw))))
    .map((b) => b.call);
  if (whole.length === 0) return undefined;
  return { ...c, message: `${c.message} (as called by ${listCalls([...new Set(whole)].sort())})` };
}
