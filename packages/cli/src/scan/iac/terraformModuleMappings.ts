// batch-no-partial-failure for an event source mapping a local module builds from its variables: the
// module is called once per consumer with the queue, and maybe `function_response_types` or `batch_size`,
// as arguments (terraformModuleBindings.ts). The mapping's finding is kept when at least one call hands it
// an SQS queue or a stream and, with that call's arguments or the variables' defaults, neither reports
// item failures nor polls one record at a time; the message names those calls. A module nobody in the
// project calls is judged with its defaults, and a source whose kind stays unknown is not judged.
import type { Candidate } from '../js/Candidate.js';
import { bindingsOf, type TerraformBindingFacts, withDefaults } from './terraformModuleBindings.js';

/** A mapping's inputs as its file writes them (`each.value` already replaced by the `for_each` map). */
export interface ModuleMappingRef {
  readonly arn: string;
  readonly types: string;
  readonly batch: string;
  /** The file itself shows the source is a queue or stream; only the settings are bound. */
  readonly known: boolean;
}

const SOURCE_KIND = /sqs|queue|kinesis|stream|:dynamodb:/i;

/** Does this binding of the mapping leave one failed record failing the whole batch? */
function wholeBatch(ref: ModuleMappingRef, expand: (raw: string) => string): boolean {
  if (!ref.known && !SOURCE_KIND.test(expand(ref.arn))) return false;
  if (expand(ref.types).includes('ReportBatchItemFailures')) return false;
  return !/^"?1"?$/.test(expand(ref.batch).trim());
}

export function moduleMappingFinding(
  files: readonly { readonly dir: string; readonly facts: { readonly bindings: TerraformBindingFacts } }[],
  dir: string,
  c: Candidate,
  ref: ModuleMappingRef,
): Candidate | undefined {
  const folders = files.map((f) => ({ dir: f.dir, facts: f.facts.bindings }));
  const calls = bindingsOf(folders, dir);
  if (calls.length === 0) return wholeBatch(ref, (raw) => withDefaults(folders, dir, raw)) ? c : undefined;
  const whole = calls.filter((b) => wholeBatch(ref, b.expand)).map((b) => b.call);
  if (whole.length === 0) return undefined;
  const shown =
    whole.length > 3 ? `${whole.slice(0, 3).join(', ')} and ${whole.length - 3} more` : whole.join(', ');
  return { ...c, message: `${c.message} (as called by ${shown})` };
}
