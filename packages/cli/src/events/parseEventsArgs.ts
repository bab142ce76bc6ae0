// Turns `bulwark events ...` arguments into one command, or a usage error (exit 2) that says what was wrong.
// Times, names and the range are checked here, before any request.
import { parseTimeoutSeconds } from '../aws/requestHandler.js';
import {
  CHANGE_AND_AWS_OPTIONS,
  CommandUsageError,
  changeMode,
  commandNamed,
  type GroupParse,
  parseGroupArgs,
} from '../parseCommandArgs.js';

export const EVENTS_COMMANDS = ['replay', 'replay-status'] as const;
export type EventsCommandName = (typeof EVENTS_COMMANDS)[number];

export interface ReplayArgs {
  readonly command: 'replay';
  readonly archive: string;
  /** Epoch ms. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
  readonly destination: string | undefined;
  readonly rules: readonly string[];
  readonly name: string | undefined;
  readonly execute: boolean;
  readonly yes: boolean;
  readonly region: string | undefined;
  readonly timeoutMs: number;
}

export interface ReplayStatusArgs {
  readonly command: 'replay-status';
  readonly name: string;
  readonly json: boolean;
  readonly region: string | undefined;
  readonly timeoutMs: number;
}

export type EventsParse = GroupParse<EventsCommandName, ReplayArgs | ReplayStatusArgs>;

/** A wrong command line (exit 2); `command` picks the usage text printed after the message. */
export class EventsUsageError extends CommandUsageError<EventsCommandName> {
  override name = 'EventsUsageError' as const;
}

/** EventBridge's name rules: archives 1-48, replays and rules 1-64 of these characters. */
const NAME = /^[.\-_A-Za-z0-9]+$/;
const BUS = /^(arn:aws[a-z-]*:events:[a-z0-9-]+:\d{12}:event-bus\/)?[/.\-_A-Za-z0-9]{1,256}$/;
/** ISO 8601 with a time zone: a time without one would mean the operator's local time, silently. */
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const APPLIES: Record<EventsCommandName, readonly string[]> = {
  replay: [
    'archive',
    'from',
    'to',
    'destination',
    'rule',
    'name',
    'execute',
    'yes',
    'dry-run',
    'region',
    'timeout',
  ],
  'replay-status': ['json', 'region', 'timeout'],
};

export function parseEventsArgs(argv: readonly string[], now: number): EventsParse {
  const { values, positionals, named } = parse(argv);
  const [command, ...rest] = positionals;
  if (values.help === true) return { help: true, command: named };
  const name = commandNamed(command, EVENTS_COMMANDS, EventsUsageError);
  const fail = (message: string): never => {
    throw new EventsUsageError(message, name);
  };
  for (const given of Object.keys(values)) {
    if (given !== 'help' && !APPLIES[name].includes(given)) fail(`--${given} does not apply to "${name}"`);
  }
  let timeoutMs = 0;
  try {
    timeoutMs = parseTimeoutSeconds(values.timeout);
  } catch (error: unknown) {
    fail(error instanceof Error ? error.message : String(error));
  }

  if (name === 'replay-status') {
    const [replay, ...extra] = rest;
    if (replay === undefined)
      fail('"replay-status" needs a replay name: bulwark events replay-status <name>');
    if (extra.length > 0) fail(`unexpected argument ${JSON.stringify(extra[0])}`);
    checkName(replay!, 'the replay name', 64, fail);
    return {
      help: false,
      command: name,
      name: replay!,
      json: values.json === true,
      region: values.region,
      timeoutMs,
    };
  }

  if (rest.length > 0)
    fail(`unexpected argument ${JSON.stringify(rest[0])} (the archive is given with --archive)`);
  const archive = values.archive ?? fail('"replay" needs --archive <name>');
  checkName(archive, '--archive', 48, fail);
  if (values.from === undefined || values.to === undefined)
    fail('"replay" needs --from <time> and --to <time>');
  const from = parseTime(values.from!, '--from', now, fail);
  const to = parseTime(values.to!, '--to', now, fail);
  if (!(from < to)) fail(`--from must be before --to, got ${values.from} and ${values.to}`);
  if (to > now) fail(`--to is in the future (${new Date(to).toISOString()}): give a past time, or --to now`);
  if (values.destination !== undefined && !BUS.test(values.destination)) {
    fail(`--destination must be an event bus name or ARN, got ${JSON.stringify(values.destination)}`);
  }
  const rules = values.rule ?? [];
  for (const rule of rules) checkName(rule, '--rule', 64, fail);
  if (values.name !== undefined) checkName(values.name, '--name', 64, fail);
  const { execute, yes } = changeMode(values, name, EventsUsageError);
  return {
    help: false,
    command: name,
    archive,
    from,
    to,
    destination: values.destination,
    rules,
    name: values.name,
    execute,
    yes,
    region: values.region,
    timeoutMs,
  };
}

function checkName(value: string, what: string, max: number, fail: (message: string) => never): void {
  if (value.length > max || !NAME.test(value)) {
    fail(`${what} must be 1-${max} of A-Z a-z 0-9 . - _, got ${JSON.stringify(value)}`);
  }
}

function parseTime(text: string, flag: string, now: number, fail: (message: string) => never): number {
  if (flag === '--to' && text === 'now') return now;
  const ms = ISO.test(text) && realDate(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) {
    return fail(
      `${flag} must be an ISO 8601 time with a time zone (2026-11-23T10:00:00Z), got ${JSON.stringify(text)}`,
    );
  }
  return ms;
}

/** Date.parse rolls 2026-02-30 over into March; a day that the month does not have is refused instead. */
function realDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d && m >= 1 && m <= 12;
}

function parse(argv: readonly string[]) {
  return parseGroupArgs(
    argv,
    EVENTS_COMMANDS,
    {
      archive: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      destination: { type: 'string' },
      rule: { type: 'string', multiple: true },
      name: { type: 'string' },
      ...CHANGE_AND_AWS_OPTIONS,
    },
    EventsUsageError,
  );
}
