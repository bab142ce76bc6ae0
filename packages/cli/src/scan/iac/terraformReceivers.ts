// Who can receive from a Terraform queue. A redrive policy counts receives, and a dead-letter queue fills
// only from a queue someone receives from: a queue no Lambda event source mapping or pipe reads, handed to
// no module, granted to no outside principal, in a folder whose functions' code (read by the scan) never
// receives from SQS itself, has no poison message to redrive (dead infrastructure, or a queue kept for
// later). Compute whose code may live elsewhere (containers or instances not built from the folder's own
// ECR repository) or that the scan does not read (a Python function) could poll any queue it is told
// about, so a folder running it keeps every finding.
import type { HclBlock } from './hcl.js';
import { eachResourceRaw } from './terraformEachSource.js';

/** What one .tf file says about who may receive from its folder's queues. */
export interface TerraformReceiveFacts {
  /** `aws_sqs_queue` labels a mapping, a pipe, a module block or an outside principal's grant reads here. */
  readonly received: readonly string[];
  /** Names module blocks read (`module.queues.orders_arn`, `var.orders_arn`): outputs handed on. */
  readonly handedNames: readonly string[];
  /** Whether the file builds a Lambda function (`aws_lambda_function`, or a module given a `handler`). */
  readonly buildsFunction: boolean;
  /** Whether the file runs compute whose code the scan may not see (see the file comment). */
  readonly foreignCompute: boolean;
}

const QUEUE_REF = /\baws_sqs_queue\.([\w-]+)/g;
const NAME_REF =
  /\b(?:var|local)\.([\w-]+)|\bmodule\.[\w-]+\.([\w-]+)|\bdependency\.[\w-]+\.outputs\.([\w-]+)/g;
// Compute that runs code of its own choosing: it may poll any queue whose URL it is given.
const COMPUTE =
  /^aws_(ecs_task_definition|instance|launch_template|launch_configuration|autoscaling_group|batch_job_definition|apprunner_service|elastic_beanstalk_environment|eks_cluster|eks_node_group|emr_cluster|glue_job|mq_broker)$/;
const RECEIVE = /sqs:(ReceiveMessage|\*)|"sqs:\*"/;
const OWN_PRINCIPAL = /^\s*(aws_iam_role\.[\w-]+\.arn\s*,?\s*)+$/;

const queuesIn = (text: string): string[] => [...text.matchAll(QUEUE_REF)].map((m) => m[1] as string);

/** Whether a queue policy grants a receive to a principal other than a role this Terraform builds. */
function outsideReceiver(policy: HclBlock, documents: ReadonlyMap<string, string>): boolean {
  const doc = /data\.aws_iam_policy_document\.([\w-]+)\.json/.exec(
    policy.attrs.get('policy')?.raw ?? '',
  )?.[1];
  const text = doc !== undefined ? (documents.get(doc) ?? '') : policy.text;
  if (doc !== undefined && !documents.has(doc)) return true;
  if (!RECEIVE.test(text)) return false;
  const identifiers = [...text.matchAll(/identifiers\s*=\s*\[([^\]]*)\]/g)].map((m) => m[1] as string);
  return identifiers.length === 0 || identifiers.some((ids) => !OWN_PRINCIPAL.test(ids));
}

/** The receive facts of one parsed .tf file. */
export function terraformReceiveFacts(blocks: readonly HclBlock[]): TerraformReceiveFacts {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const documents = new Map(
    blocks
      .filter((b) => b.type === 'data' && b.labels[0] === 'aws_iam_policy_document')
      .map((b) => [b.labels[1] as string, b.text]),
  );
  const modules = blocks.filter((b) => b.type === 'module');
  const received = [
    ...resources('aws_lambda_event_source_mapping').flatMap((m) =>
      queuesIn(eachResourceRaw(blocks, m, 'event_source_arn') ?? ''),
    ),
    ...resources('aws_pipes_pipe').flatMap((p) => queuesIn(p.attrs.get('source')?.raw ?? '')),
    ...modules.flatMap((m) => queuesIn(m.text)),
    ...resources('aws_sqs_queue_policy')
      .filter((p) => outsideReceiver(p, documents))
      .flatMap((p) => queuesIn(p.attrs.get('queue_url')?.raw ?? '')),
  ];
  const handedNames = [...modules, ...resources('aws_lambda_event_source_mapping')].flatMap((m) =>
    [...m.text.matchAll(NAME_REF)].map((x) => (x[1] ?? x[2] ?? x[3]) as string),
  );
  const buildsFunction =
    resources('aws_lambda_function').length > 0 || modules.some((m) => m.attrs.has('handler'));
  // A function in a language the scan does not read may poll a queue itself (boto3's `receive_message`).
  const otherLanguage = resources('aws_lambda_function').some((f) =>
    /^"(python|go|java|dotnet|ruby|provided)/.test(f.attrs.get('runtime')?.raw ?? ''),
  );
  const foreignCompute =
    otherLanguage ||
    blocks.some(
      (b) =>
        b.type === 'resource' &&
        COMPUTE.test(b.labels[0] ?? '') &&
        // A container built from the folder's own ECR repository runs this repository's code.
        !(
          b.labels[0] === 'aws_batch_job_definition' &&
          /\baws_ecr_repository\.[\w-]+\.repository_url/.test(b.text)
        ),
    );
  return { received, handedNames, buildsFunction, foreignCompute };
}

/** One folder's receive facts, and whether the scan's code under the folder above it receives from SQS. */
export interface ReceiveFolder {
  readonly dir: string;
  readonly facts: TerraformReceiveFacts;
}

/**
 * Whether nothing can receive from queue `queue` of folder `dir`: see the file comment. `exported` names the
 * folder's outputs that hand the queue on; `codeReceives` answers for the code under a folder.
 */
export function unreceivedQueue(
  folders: readonly ReceiveFolder[],
  dir: string,
  queue: string,
  exported: readonly string[],
  codeReceives: (dir: string) => boolean,
): boolean {
  const here = folders.filter((f) => f.dir === dir).map((f) => f.facts);
  if (!here.some((f) => f.buildsFunction) || here.some((f) => f.foreignCompute)) return false;
  if (here.some((f) => f.received.includes(queue))) return false;
  const handed = new Set(folders.flatMap((f) => f.facts.handedNames));
  if (exported.some((n) => handed.has(n))) return false;
  return !codeReceives(dir);
}
