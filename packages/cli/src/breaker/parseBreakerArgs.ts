// Turns `bulwark breaker ...` arguments into one command, or a usage error (exit 2) that says what was wrong.
import { DEFAULT_TIMEOUT_SECONDS, parseTimeoutSeconds } from '../aws/requestHandler.js';
import { CommandUsageError, commandNamed, parseGroupArgs } from '../parseCommandArgs.js';

export { BREAKER_COMMAND_USAGE, BREAKER_USAGE } from './breakerUsage.js';

export const BREAKER_COMMANDS = ['status', 'open', 'close', 'clear'] as const;
export type BreakerCommandName = (typeof BREAKER_COMMANDS)[number];

export interface BreakerArgs {
  readonly command: BreakerCommandName;
  readonly dependency: string | undefined;
  readonly prefix: string | undefined;
  readonly reason: string | undefined;
  readonly operator: string | undefined;
  readonly region: string | undefined;
  readonly timeoutMs: number;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly json: boolean;
  /** `--help`: the general usage when no command was given, else that command's. */
  readonly help: boolean;
  /** Whether a command was named (so `--help` prints its own usage). */
  readonly named: boolean;
}

/** A wrong command line (exit 2); `command` picks the usage text printed after the message. */
export class BreakerUsageError extends CommandUsageError<BreakerCommandName> {
  override name = 'BreakerUsageError' as const;
}

export function parseBreakerArgs(argv: readonly string[]): BreakerArgs {
  const { values, positionals } = parse(argv);
  const help = values.help === true;
  const [command, dependency, ...extra] = positionals;
  if (help && command === undefined) return blank(help);
  const name = commandNamed(command, BREAKER_COMMANDS, BreakerUsageError);
  if (help) return { ...blank(true), command: name, named: true };
  if (extra.length > 0) throw new BreakerUsageError(`unexpected argument "${extra[0]}"`, name);
  if (name !== 'status' && dependency === undefined) {
    throw new BreakerUsageError(
      `"${name}" needs a dependency name: bulwark breaker ${name} <dependency>`,
      name,
    );
  }
  if ((name === 'open' || name === 'close') && !values.reason?.trim()) {
    throw new BreakerUsageError(
      `"${name}" needs --reason <text> (it is kept in the document for the next person)`,
      name,
    );
  }
  if (
    name === 'status' &&
    (values['dry-run'] === true ||
      values.yes === true ||
      values.reason !== undefined ||
      values.operator !== undefined)
  ) {
    throw new BreakerUsageError(
      '"status" writes nothing: --reason, --operator, --yes and --dry-run do not apply',
      name,
    );
  }
  if (name !== 'status' && values.json === true)
    throw new BreakerUsageError('--json applies to "status" only', name);
  return {
    command: name,
    dependency,
    prefix: values.prefix,
    reason: values.reason?.trim(),
    operator: values.operator,
    region: values.region,
    timeoutMs: parseTimeout(values.timeout, name),
    yes: values.yes === true,
    dryRun: values['dry-run'] === true,
    json: values.json === true,
    help: false,
    named: true,
  };
}

function parseTimeout(text: string | undefined, command: BreakerCommandName): number {
  try {
    return parseTimeoutSeconds(text);
  } catch (error: unknown) {
    throw new BreakerUsageError((error as Error).message, command, { cause: error });
  }
}

function parse(argv: readonly string[]) {
  return parseGroupArgs(
    argv,
    BREAKER_COMMANDS,
    {
      prefix: { type: 'string' },
      reason: { type: 'string' },
      operator: { type: 'string' },
      region: { type: 'string' },
      timeout: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    BreakerUsageError,
  );
}

function blank(help: boolean): BreakerArgs {
  return {
    command: 'status',
    dependency: undefined,
    prefix: undefined,
    reason: undefined,
    operator: undefined,
    region: undefined,
    timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
    yes: false,
    dryRun: false,
    json: false,
    help,
    named: false,
  };
}
