// The argument parsing every `bulwark` subcommand shares: node's parseArgs, strict, with positionals, and an
// unknown option refused with the nearest valid one.
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
