// The argument parsing every `bulwark` subcommand shares: node's parseArgs, strict, with positionals.
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/**
 * Parses a subcommand's arguments: unknown options throw (the caller answers with exit code 2), and
 * everything that is not an option is a positional.
 * @example
 * const { values, positionals } = parseCommandArgs(['src', '-q'], { quiet: { type: 'boolean', short: 'q' } });
 */
export function parseCommandArgs<const O extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: O,
) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options });
}
