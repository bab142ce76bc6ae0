// The help texts of `bulwark events`: one for the command, one per subcommand (`bulwark events replay --help`).
import { DEFAULT_TIMEOUT_SECONDS } from '../aws/requestHandler.js';

const EXIT_CODES =
  'Exit codes: 0 done (a dry run included), 1 EventBridge refused, failed or timed out (no such archive or\n' +
  '            replay, access denied, throttling, no answer, a FAILED replay, not confirmed), 2 usage error.';

const COMMON = `  --region <region>    AWS region (default $AWS_REGION, then the profile's region)
  --timeout <seconds>  how long one EventBridge request may take, connection included (default ${DEFAULT_TIMEOUT_SECONDS})
  --help, -h           this text`;

export const EVENTS_COMMAND_USAGE = {
  replay: `Usage: bulwark events replay --archive <name> --from <time> --to <time>|now [--destination <bus>] [--rule <name>]... [--yes | --execute]

Replays the events an EventBridge archive holds for a time range (StartReplay) back to the bus the archive
records: every rule on that bus that matches them receives them again, unless --rule limits the replay.
Times are ISO 8601 with a time zone (2026-11-23T10:00:00Z, 2026-11-23T11:00+01:00); --from before --to,
--to not in the future.

Without --yes or --execute it is a dry run: it describes the archive (its state, retention, and its event count,
which EventBridge gives for the whole archive, not per range) and the range, and starts nothing.

Options:
  --archive <name>     the archive to replay from (required)
  --from <time>        the first event time replayed (required)
  --to <time>|now      the end of the range, exclusive (required; now: the present)
  --destination <bus>  the bus, by name or ARN: must be the archive's own bus (EventBridge replays only there);
                       give it to have the command check that
  --rule <name>        replay to this rule of the bus only (repeatable; EventBridge FilterArns)
  --name <name>        the replay's name (default bulwark-<archive>-<time>; 1-64 of A-Z a-z 0-9 . - _)
  --execute            start the replay after a y/N question on the terminal
  --yes, -y            start the replay without a question (implies --execute; needed off a terminal)
  --dry-run            a dry run (the default; refuses --yes and --execute)
${COMMON}

${EXIT_CODES}`,
  'replay-status': `Usage: bulwark events replay-status <name> [--json] [--region <region>] [--timeout <seconds>]

Prints a replay's state (DescribeReplay): STARTING, RUNNING, CANCELLING, COMPLETED, CANCELLED or FAILED
(exit 1), its range, and how far it got. Reads only.

Options:
  --json               the same as JSON
${COMMON}

${EXIT_CODES}`,
} as const;

export const EVENTS_USAGE = `Usage: bulwark events <command> [options]

Commands:
  replay --archive <name> --from <time> --to <time>   replay an archive's time range (dry run unless --yes)
  replay-status <name>                                 the state of a replay

Run bulwark events <command> --help for its options.

${EXIT_CODES}`;
