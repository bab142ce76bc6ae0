// Turns `bulwark breaker ...` arguments into one command, or a usage error (exit 2) that says what was wrong.
import { parseCommandArgs } from '../parseCommandArgs.js';

export const BREAKER_COMMANDS = ['status', 'open', 'close', 'clear'] as const;
export type BreakerCommandName = (typeof BREAKER_COMMANDS)[number];

export interface BreakerArgs {
  readonly command: BreakerCommandName;
  readonly dependency: string | undefined;
  readonly prefix: string | undefined;
  readonly reason: string | undefined;
  readonly operator: string | undefined;
  readonly region: string | undefined;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly help: boolean;
}

export class BreakerUsageError extends Error {
  override name = 'BreakerUsageError' as const;
}

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
  --prefix <path>    SSM path holding one parameter per dependency (default $BULWARK_BREAKER_PREFIX or /bulwark/breakers/)
  --reason <text>    why (kept in the document; required for open and close)
  --operator <id>    who (default $BULWARK_OPERATOR, then $USER)
  --region <region>  AWS region (default from the AWS SDK: $AWS_REGION, profile)
  --yes, -y          do not ask for confirmation
  --dry-run          print the document that would be written, write nothing
  --json             status as JSON
  --help, -h         this text

Exit codes: 0 done, 1 SSM refused or failed (missing parameter, access denied, throttling), 2 usage error.`;

export function parseBreakerArgs(argv: readonly string[]): BreakerArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error: unknown) {
    throw new BreakerUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const help = values.help === true;
  const [command, dependency, ...extra] = positionals;
  if (help && command === undefined) return blank(help);
  if (command === undefined)
    throw new BreakerUsageError('missing command: one of status, open, close, clear');
  if (!(BREAKER_COMMANDS as readonly string[]).includes(command)) {
    throw new BreakerUsageError(
      `unknown command "${command}": expected one of ${BREAKER_COMMANDS.join(', ')}`,
    );
  }
  if (extra.length > 0) throw new BreakerUsageError(`unexpected argument "${extra[0]}"`);
  const name = command as BreakerCommandName;
  if (name !== 'status' && dependency === undefined && !help) {
    throw new BreakerUsageError(`"${name}" needs a dependency name: bulwark breaker ${name} <dependency>`);
  }
  if ((name === 'open' || name === 'close') && !help && !values.reason?.trim()) {
    throw new BreakerUsageError(
      `"${name}" needs --reason <text> (it is kept in the document for the next person)`,
    );
  }
  if (
    name === 'status' &&
    (values['dry-run'] === true || values.yes === true || values.reason !== undefined)
  ) {
    throw new BreakerUsageError('"status" writes nothing: --reason, --yes and --dry-run do not apply');
  }
  if (name !== 'status' && values.json === true)
    throw new BreakerUsageError('--json applies to "status" only');
  return {
    command: name,
    dependency,
    prefix: values.prefix,
    reason: values.reason?.trim(),
    operator: values.operator,
    region: values.region,
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    help,
  };
}

function parse(argv: readonly string[]) {
  return parseCommandArgs(argv, {
    prefix: { type: 'string' },
    reason: { type: 'string' },
    operator: { type: 'string' },
    region: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
}

function blank(help: boolean): BreakerArgs {
  return {
    command: 'status',
    dependency: undefined,
    prefix: undefined,
    reason: undefined,
    operator: undefined,
    region: undefined,
    yes: false,
    dryRun: false,
    json: false,
    help,
  };
}
