// The help texts of `bulwark breaker`: one for the command, one per subcommand (`bulwark breaker open --help`).
import { DEFAULT_TIMEOUT_SECONDS } from '../aws/requestHandler.js';

const EXIT_CODES =
  'Exit codes: 0 done, 1 SSM refused, failed or timed out (missing parameter, access denied, throttling, no answer),\n' +
  '            2 usage error (including no AWS region).';

const COMMON = `  --prefix <path>      SSM path holding one parameter per dependency (default $BULWARK_BREAKER_PREFIX or /bulwark/breakers/)
  --region <region>    AWS region (default from the AWS SDK: $AWS_REGION, then the profile's region)
  --timeout <seconds>  how long one SSM request may take, connection included (default ${DEFAULT_TIMEOUT_SECONDS})
  --help, -h           this text`;

const WRITE = `  --reason <text>      why, kept in the document (at most 1024 characters)
  --operator <id>      who (default $BULWARK_OPERATOR, then $USER; at most 256 characters)
  --yes, -y            do not ask for confirmation (needed when stdin is not a terminal)
  --dry-run            print the document that would be written, write nothing`;

export const BREAKER_COMMAND_USAGE = {
  status: `Usage: bulwark breaker status [<dependency>] [--prefix <path>] [--json] [--region <region>] [--timeout <seconds>]

Prints the fleet state of one dependency, or a table of every dependency under --prefix. A document the
readers refuse is listed as refused and makes the exit code 1; so does a prefix with no parameter under it.

Options:
  --json               the documents as JSON
${COMMON}

${EXIT_CODES}`,
  open: `Usage: bulwark breaker open <dependency> --reason <text> [--yes] [--dry-run] [--prefix <path>] [--operator <id>]

Forces the breaker open for the whole fleet (state forced-open): every instance fails fast, and the probe
leaves it alone until an operator closes or clears it.

Options:
${WRITE}
${COMMON}

${EXIT_CODES}`,
  close: `Usage: bulwark breaker close <dependency> --reason <text> [--yes] [--dry-run] [--prefix <path>] [--operator <id>]

Forces the breaker closed for the whole fleet (state forced-closed): every instance lets calls through, and
the probe leaves it alone until an operator opens or clears it.

Options:
${WRITE}
${COMMON}

${EXIT_CODES}`,
  clear: `Usage: bulwark breaker clear <dependency> [--reason <text>] [--yes] [--dry-run] [--prefix <path>] [--operator <id>]

Removes an operator's forced state: writes closed and hands the dependency back to the probe. A state the
probe wrote is left as it is.

Options:
${WRITE}
${COMMON}

${EXIT_CODES}`,
} as const;

export const BREAKER_USAGE = `Usage:
  bulwark breaker status [<dependency>] [--prefix <path>] [--json]
  bulwark breaker open   <dependency> --reason <text> [--yes] [--dry-run] [--prefix <path>]
  bulwark breaker close  <dependency> --reason <text> [--yes] [--dry-run] [--prefix <path>]
  bulwark breaker clear  <dependency> [--reason <text>] [--yes] [--dry-run] [--prefix <path>]

  status   print the fleet state of one dependency, or a table of every dependency under --prefix
  open     force the breaker open for the whole fleet (state forced-open; the probe leaves it alone)
  close    force the breaker closed for the whole fleet (state forced-closed; the probe leaves it alone)
  clear    remove an operator's forced state: writes closed and hands the dependency back to the probe

Options:
${WRITE}
  --json               status as JSON
${COMMON}

bulwark breaker <command> --help shows one command's options.

${EXIT_CODES}`;
