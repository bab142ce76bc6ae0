// The help texts of `bulwark dlq`: one for the command, one per subcommand (`bulwark dlq redrive --help`).
import { DEFAULT_TIMEOUT_SECONDS } from '../aws/requestHandler.js';

/** The most messages a dry run samples (one ReceiveMessage call). */
export const MAX_SAMPLE = 10;
/** SQS's ceiling for MaxNumberOfMessagesPerSecond. */
export const MAX_MESSAGES_PER_SECOND = 500;

const EXIT_CODES =
  'Exit codes: 0 done (a dry run included), 1 SQS refused, failed or timed out (no such queue, access denied,\n' +
  '            throttling, no answer, a move task already running, not confirmed), 2 usage error.';

const COMMON = `  --region <region>    AWS region (default: the region in a queue URL or ARN, then $AWS_REGION, then the profile's)
  --timeout <seconds>  how long one SQS request may take, connection included (default ${DEFAULT_TIMEOUT_SECONDS})
  --help, -h           this text`;

export const DLQ_COMMAND_USAGE = {
  status: `Usage: bulwark dlq status <queue> [--json] [--region <region>] [--timeout <seconds>]

Prints a dead-letter queue's approximate message counts, the SQS queues that use it as their dead-letter
queue (ListDeadLetterSourceQueues) and its recent message move tasks (ListMessageMoveTasks). Reads only.
<queue> is a queue name, URL or ARN.

Options:
  --json               the same as JSON
${COMMON}

${EXIT_CODES}`,
  redrive: `Usage: bulwark dlq redrive <queue> [--to original|<queue>] [--max-per-second <n>] [--yes | --execute]

Moves the messages of a dead-letter queue back with one SQS message move task (StartMessageMoveTask). It
applies to the dead-letter queue of SQS queues only (not of a Lambda function, an SNS topic or a rule).

Without --yes or --execute it is a dry run: it prints the counts, where the messages would go and a sample
of message ids (bodies only with --show-bodies), and moves nothing. The sample is one ReceiveMessage with
visibility timeout 0: the messages stay visible, but their receive count goes up by one (no sample is taken
when the queue has a redrive policy of its own, --sample 0 turns it off).

Where messages go:
  (no --to)            back to the source queue, when exactly one SQS queue uses this dead-letter queue;
                       with several sources it refuses (exit 2) and names them
  --to original        each message back to the queue it came from (SQS's own routing), any number of sources
  --to <queue>         every message to that one queue (name, URL or ARN)

Options:
  --max-per-second <n> at most n messages a second (1-${MAX_MESSAGES_PER_SECOND}; default: SQS decides)
  --sample <n>         how many message ids a dry run shows (0-${MAX_SAMPLE}, default ${MAX_SAMPLE})
  --show-bodies        print the sampled bodies too (escaped, redacted, cut at 500 characters)
  --execute            start the move task after a y/N question on the terminal
  --yes, -y            start the move task without a question (implies --execute; needed off a terminal)
  --dry-run            a dry run (the default; refuses --yes and --execute)
${COMMON}

${EXIT_CODES}`,
  cancel: `Usage: bulwark dlq cancel <queue> [--yes | --execute]

Cancels the running message move task of a dead-letter queue (CancelMessageMoveTask). Messages already moved
stay where they are. Without --yes or --execute it prints the task and cancels nothing.

Options:
  --execute            cancel after a y/N question on the terminal
  --yes, -y            cancel without a question (implies --execute)
  --dry-run            print the task only (the default)
${COMMON}

${EXIT_CODES}`,
} as const;

export const DLQ_USAGE = `Usage: bulwark dlq <command> <queue> [options]

Commands:
  status <queue>       counts, source queues and move tasks of a dead-letter queue
  redrive <queue>      move its messages back (dry run unless --yes or --execute)
  cancel <queue>       cancel its running move task (dry run unless --yes or --execute)

Run bulwark dlq <command> --help for its options.

${EXIT_CODES}`;
