// `bulwark breaker open|close|clear`: an operator's write, shown first, confirmed, written once, only on a change.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { readBreakerParameter, writeBreakerParameter } from '@bulwark/policies';
import type { OperatorDocument, WriteCommandName } from './operatorDocument.js';
import { terminalText } from './terminalText.js';

export interface WriteInput {
  readonly command: WriteCommandName;
  readonly client: SSMClient;
  readonly dependency: string;
  readonly parameterName: string;
  /** Built and checked before any request (operatorDocument.ts). */
  readonly write: OperatorDocument;
  readonly yes: boolean;
  readonly dryRun: boolean;
  readonly confirm: (question: string) => Promise<boolean>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function writeCommand(input: WriteInput): Promise<number> {
  const { command, parameterName, stdout, stderr } = input;
  const current = await readBreakerParameter(input.client, parameterName);
  const before = current.found && current.result.ok ? current.result.document : undefined;
  const describeBefore = !current.found
    ? 'no document'
    : before === undefined
      ? `a refused document (${current.found && !current.result.ok ? current.result.problem : ''})`
      : `${before.state} (${before.writtenBy.kind}:${terminalText(before.writtenBy.id)}, since ${terminalText(before.since)})`;

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
  const { document, text } = input.write;
  const state = document.state;
  if (before?.state === state) {
    stdout(`${input.dependency}: already ${describeBefore}; nothing written\n`);
    return 0;
  }

  stdout(`${input.dependency}: ${describeBefore} -> ${state}\n${parameterName} = ${terminalText(text)}\n`);
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
