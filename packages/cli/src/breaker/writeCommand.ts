// `bulwark breaker open|close|clear`: an operator's write, shown first, confirmed, written once, only on a change.
import type { SSMClient } from '@aws-sdk/client-ssm';
import {
  type BreakerStateDocument,
  type FleetBreakerState,
  readBreakerParameter,
  serializeBreakerDocument,
  writeBreakerParameter,
} from '@bulwark/policies';

export interface WriteInput {
  readonly command: 'open' | 'close' | 'clear';
  readonly client: SSMClient;
  readonly dependency: string;
  readonly parameterName: string;
  readonly reason: string | undefined;
  readonly operator: string;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly now: number;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const TARGET: Record<WriteInput['command'], FleetBreakerState> = {
  open: 'forced-open',
  close: 'forced-closed',
  // Clearing hands the dependency back to the probe, from the neutral state (the local breakers decide).
  clear: 'closed',
};

export async function writeCommand(input: WriteInput): Promise<number> {
  const { command, parameterName, stdout, stderr } = input;
  const current = await readBreakerParameter(input.client, parameterName);
  const before = current.found && current.result.ok ? current.result.document : undefined;
  const describeBefore = !current.found
    ? 'no document'
    : before === undefined
      ? `a refused document (${current.found && !current.result.ok ? current.result.problem : ''})`
      : `${before.state} (${before.writtenBy.kind}:${before.writtenBy.id}, since ${before.since})`;

  if (command === 'clear') {
    if (!current.found) {
      stderr(`bulwark breaker: no breaker parameter ${parameterName}: nothing to clear\n`);
      return 1;
    }
    if (before !== undefined && before.state !== 'forced-open' && before.state !== 'forced-closed') {
      stdout(`${input.dependency}: ${describeBefore} is not an operator's forced state; nothing to clear\n`);
      return 0;
    }
  }
  const state = TARGET[command];
  if (before?.state === state) {
    stdout(`${input.dependency}: already ${describeBefore}; nothing written\n`);
    return 0;
  }

  const iso = new Date(input.now).toISOString();
  const document: BreakerStateDocument = {
    version: 1,
    dependency: input.dependency,
    state,
    since: iso,
    ...(input.reason === undefined
      ? command === 'clear'
        ? { reason: `forced state cleared by ${input.operator}` }
        : {}
      : { reason: input.reason }),
    writtenBy: { kind: 'operator', id: input.operator },
    updatedAt: iso,
  };
  const text = serializeBreakerDocument(document);
  stdout(`${input.dependency}: ${describeBefore} -> ${state}\n${parameterName} = ${text}\n`);
  if (input.dryRun) {
    stdout('dry run: nothing written\n');
    return 0;
  }
  if (
    !input.yes &&
    !(await input.confirm(`Write ${state} for ${input.dependency} to the whole fleet? [y/N] `))
  ) {
    stderr('bulwark breaker: not confirmed; nothing written\n');
    return 1;
  }
  await writeBreakerParameter(input.client, parameterName, document);
  stdout(
    `wrote ${state} to ${parameterName}; instances pick it up within their maxAgeSeconds${
      command === 'clear' ? ', and the probe decides from here' : ''
    }\n`,
  );
  return 0;
}
