// The `bulwark` command: dispatches to `scan`, `breaker`, `dlq` or `events`.
import { nearestName, redactText } from '@bulwark/errors';
import { breakerMain } from './breaker/breakerMain.js';
import { dlqMain } from './dlq/dlqMain.js';
import { eventsMain } from './events/eventsMain.js';
import { scanMain } from './scan/cli/scanMain.js';
import { VERSION } from './version.js';

/**
 * The `bulwark --help` text.
 * @example
 * process.stdout.write(USAGE);
 */
export const USAGE = `Usage: bulwark <command> [options]

Commands:
  scan [paths...]   find missing hardening and write the playbook (bulwark scan --help)
  breaker ...       inspect and operate shared circuit breakers (bulwark breaker --help)
  dlq ...           inspect a dead-letter queue and redrive it (bulwark dlq --help)
  events ...        replay an EventBridge archive (bulwark events --help)

Options:
  -v, --version     print the version
  -h, --help        show this help
`;

const COMMANDS = ['scan', 'breaker', 'dlq', 'events'] as const;

/**
 * The `bulwark` entry point: dispatches `scan`, `breaker`, `dlq` and `events`; resolves to the exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'scan') return scanMain(rest);
  // breakerMain loads its implementation on demand: it pulls in the AWS SDK's SSM client, which a scan never
  // uses and which took a tenth of a `bulwark scan` process to load.
  if (command === 'breaker') return breakerMain(rest);
  if (command === 'dlq') return dlqMain(rest);
  if (command === 'events') return eventsMain(rest);
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const near = command === undefined ? undefined : nearestName(command, COMMANDS);
  const problem =
    command === undefined
      ? 'missing command'
      : `unknown command ${redactText(JSON.stringify(command), 200)}${near === undefined ? '' : `: did you mean ${near}?`}`;
  process.stderr.write(`bulwark: ${problem}\n\n${USAGE}`);
  return 2;
}
