// The argument parsing every `bulwark` subcommand shares: node's parseArgs, strict, with positionals, and an
// unknown option refused with the nearest valid one; for the operations groups (`breaker`, `dlq`, `events`) also
// the command word and the usage error that names it.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { nearestName } from '@bulwark/errors';

/**
 * Parses a subcommand's arguments: unknown options throw a TypeError that names the nearest valid option
 * (the caller answers with exit code 2), and everything that is not an option is a positional.
 * @example
 * const { values, positionals } = parseCommandArgs(['src', '-q'], { quiet: { type: 'boolean', short: 'q' } });
 * parseCommandArgs(['--qiet'], { quiet: { type: 'boolean' } }); // TypeError: Unknown option '--qiet': did you mean '--quiet'?
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
  } catch (error: unknown) {
    throw explainUnknownOption(error, options);
  }
}

/**
 * A wrong command line of an operations group (exit 2); `command` picks the usage text printed after the message.
 * Each group subclasses it with its own name, so a caller tells them apart.
 * @example
 * class DlqUsageError extends CommandUsageError<'status' | 'redrive'> { override name = 'DlqUsageError' as const; }
 */
export class CommandUsageError<C extends string = string> extends Error {
  override name: string = 'CommandUsageError';
  readonly command: C | undefined;
  constructor(message: string, command?: C, options?: ErrorOptions) {
    super(message, options);
    this.command = command;
  }
}

/**
 * What a group's parser returns: a request for help (with the command it was about, if any), or the arguments.
 * @example
 * type DlqParse = GroupParse<DlqCommandName, DlqArgs>;
 */
export type GroupParse<C extends string, A> =
  | { readonly help: true; readonly command: C | undefined }
  | ({ readonly help: false } & A);

type UsageErrorClass<C extends string> = new (
  message: string,
  command?: C,
  options?: ErrorOptions,
) => CommandUsageError<C>;

/**
 * {@link parseCommandArgs} for a group of commands: a parse error becomes `UsageError` naming the command word
 * (`named`, found before parsing, so the usage text printed is that command's).
 * @example
 * const { values, positionals, named } = parseGroupArgs(argv, DLQ_COMMANDS, { yes: { type: 'boolean' } }, DlqUsageError);
 */
export function parseGroupArgs<C extends string, const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  commands: readonly C[],
  options: O,
  UsageError: UsageErrorClass<C>,
) {
  const named = commands.find((c) => c === argv.find((a) => !a.startsWith('-')));
  try {
    return { ...parseCommandArgs(argv, options), named };
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error), named, { cause: error });
  }
}

/**
 * The command word `given`, or a `UsageError`: missing (listing the commands) or unknown (naming the nearest).
 * @example
 * const name = commandNamed(positionals[0], DLQ_COMMANDS, DlqUsageError); // 'redrive'
 */
export function commandNamed<C extends string>(
  given: string | undefined,
  commands: readonly C[],
  UsageError: UsageErrorClass<C>,
): C {
  if (given === undefined) throw new UsageError(`missing command: one of ${commands.join(', ')}`);
  if (!(commands as readonly string[]).includes(given)) {
    const near = nearestName(given, commands);
    throw new UsageError(
      `unknown command ${JSON.stringify(given)}: ${near === undefined ? `expected one of ${commands.join(', ')}` : `did you mean ${near}?`}`,
    );
  }
  return given as C;
}

/**
 * The options that end the option list of `bulwark dlq` and `bulwark events`: how a change is confirmed
 * (`--execute` asks, `--yes` does not, `--dry-run` changes nothing) and how AWS is reached.
 * @example
 * parseGroupArgs(argv, DLQ_COMMANDS, { to: { type: 'string' }, ...CHANGE_AND_AWS_OPTIONS }, DlqUsageError);
 */
export const CHANGE_AND_AWS_OPTIONS = {
  execute: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  region: { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/**
 * Whether a command changes something (`--execute`, or `--yes`, which also skips the question); `--dry-run`
 * with either is a contradiction, refused as `UsageError` for `command`.
 * @example
 * const { execute, yes } = changeMode(values, 'redrive', DlqUsageError);
 */
export function changeMode<C extends string>(
  values: { readonly execute?: boolean; readonly yes?: boolean; readonly 'dry-run'?: boolean },
  command: C,
  UsageError: UsageErrorClass<C>,
): { readonly execute: boolean; readonly yes: boolean } {
  const yes = values.yes === true;
  const execute = yes || values.execute === true;
  if (values['dry-run'] === true && execute) {
    throw new UsageError(`--dry-run contradicts ${yes ? '--yes' : '--execute'}: give one`, command);
  }
  return { execute, yes };
}

function explainUnknownOption(error: unknown, options: ParseArgsOptionsConfig): unknown {
  if ((error as { code?: unknown } | null)?.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return error;
  const given = /Unknown option '([^']*)'/.exec(String((error as Error).message))?.[1];
  if (given === undefined) return error;
  const valid = Object.entries(options).flatMap(([name, option]) => [
    `--${name}`,
    ...(option.short === undefined ? [] : [`-${option.short}`]),
  ]);
  // Compare the names without their dashes: `-reason` and `--reson` are both typos of `--reason`.
  const bare = given.replace(/^-+/, '').replace(/=.*$/, '');
  const near = nearestName(
    bare,
    valid.filter((v) => v.startsWith('--')).map((v) => v.slice(2)),
  );
  const hint = near === undefined ? `valid options: ${valid.join(', ')}` : `did you mean '--${near}'?`;
  return new TypeError(`Unknown option '${given}': ${hint}`, { cause: error });
}
