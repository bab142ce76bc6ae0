// Turns `bulwark dlq ...` arguments into one command, or a usage error (exit 2) that says what was wrong.
import { parseTimeoutSeconds } from '../aws/requestHandler.js';
import {
  CHANGE_AND_AWS_OPTIONS,
  CommandUsageError,
  changeMode,
  commandNamed,
  type GroupParse,
  parseGroupArgs,
} from '../parseCommandArgs.js';
import { MAX_MESSAGES_PER_SECOND, MAX_SAMPLE } from './dlqUsage.js';

export const DLQ_COMMANDS = ['status', 'redrive', 'cancel'] as const;
export type DlqCommandName = (typeof DLQ_COMMANDS)[number];

export interface DlqArgs {
  readonly command: DlqCommandName;
  readonly queue: string;
  /** `original`, a queue, or undefined (the single source). */
  readonly to: string | undefined;
  readonly maxPerSecond: number | undefined;
  readonly sample: number;
  readonly showBodies: boolean;
  /** Start (or cancel) for real; `yes` skips the question. */
  readonly execute: boolean;
  readonly yes: boolean;
  readonly json: boolean;
  readonly region: string | undefined;
  readonly timeoutMs: number;
}

export type DlqParse = GroupParse<DlqCommandName, DlqArgs>;

/** A wrong command line (exit 2); `command` picks the usage text printed after the message. */
export class DlqUsageError extends CommandUsageError<DlqCommandName> {
  override name = 'DlqUsageError' as const;
}

// Which options each command takes; any other given option is a usage error naming the command.
const APPLIES: Record<DlqCommandName, readonly string[]> = {
  status: ['json', 'region', 'timeout', 'help'],
  redrive: [
    'to',
    'max-per-second',
    'sample',
    'show-bodies',
    'execute',
    'yes',
    'dry-run',
    'region',
    'timeout',
    'help',
  ],
  cancel: ['execute', 'yes', 'dry-run', 'region', 'timeout', 'help'],
};

export function parseDlqArgs(argv: readonly string[]): DlqParse {
  const { values, positionals, named } = parse(argv);
  const [command, queue, ...extra] = positionals;
  if (values.help === true) return { help: true, command: named };
  const name = commandNamed(command, DLQ_COMMANDS, DlqUsageError);
  for (const given of Object.keys(values)) {
    if (!APPLIES[name].includes(given))
      throw new DlqUsageError(`--${given} does not apply to "${name}"`, name);
  }
  if (queue === undefined || queue.trim() === '') {
    throw new DlqUsageError(`"${name}" needs a queue: bulwark dlq ${name} <queue name, URL or ARN>`, name);
  }
  if (extra.length > 0) throw new DlqUsageError(`unexpected argument ${JSON.stringify(extra[0])}`, name);
  const { execute, yes } = changeMode(values, name, DlqUsageError);
  if (values.to !== undefined && values.to.trim() === '') {
    throw new DlqUsageError('--to needs "original" or a queue name, URL or ARN', name);
  }
  try {
    return {
      help: false,
      command: name,
      queue: queue.trim(),
      to: values.to?.trim(),
      maxPerSecond: integerOption(values['max-per-second'], '--max-per-second', 1, MAX_MESSAGES_PER_SECOND),
      sample: integerOption(values.sample, '--sample', 0, MAX_SAMPLE) ?? MAX_SAMPLE,
      showBodies: values['show-bodies'] === true,
      execute,
      yes,
      json: values.json === true,
      region: values.region,
      timeoutMs: parseTimeoutSeconds(values.timeout),
    };
  } catch (error: unknown) {
    throw new DlqUsageError(error instanceof Error ? error.message : String(error), name, { cause: error });
  }
}

function integerOption(text: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(Number.isSafeInteger(n) && n >= min && n <= max)) {
    throw new TypeError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  }
  return n;
}

function parse(argv: readonly string[]) {
  return parseGroupArgs(
    argv,
    DLQ_COMMANDS,
    {
      to: { type: 'string' },
      'max-per-second': { type: 'string' },
      sample: { type: 'string' },
      'show-bodies': { type: 'boolean' },
      ...CHANGE_AND_AWS_OPTIONS,
    },
    DlqUsageError,
  );
}
