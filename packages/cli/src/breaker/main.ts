// `bulwark breaker status|open|close|clear`: operators read and force the fleet breaker state in SSM,
// writing exactly the document the probe writes. bin.ts dispatches here; tests call it in-process.
import { createInterface } from 'node:readline/promises';
import { SSMClient } from '@aws-sdk/client-ssm';
import { breakerParameterName, DEFAULT_BREAKER_PREFIX } from '@bulwark/policies';
import type { BreakerCliIo } from './BreakerCliIo.js';
import { describeSsmError } from './describeSsmError.js';
import { BREAKER_USAGE, BreakerUsageError, parseBreakerArgs } from './parseBreakerArgs.js';
import { statusCommand } from './statusCommand.js';
import { writeCommand } from './writeCommand.js';

export type { BreakerCliIo } from './BreakerCliIo.js';

/** The implementation behind {@link breakerMain} (./breakerMain.ts), loaded on its first call. */
export async function runBreaker(argv: readonly string[], io: BreakerCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const env = io.env ?? process.env;
  const args = argv[0] === 'breaker' ? argv.slice(1) : argv;

  let parsed: ReturnType<typeof parseBreakerArgs>;
  let prefix: string;
  let parameterName: string | undefined;
  try {
    parsed = parseBreakerArgs(args);
    if (parsed.help) {
      stdout(`${BREAKER_USAGE}\n`);
      return 0;
    }
    prefix = parsed.prefix ?? env.BULWARK_BREAKER_PREFIX ?? DEFAULT_BREAKER_PREFIX;
    if (!/^\/[a-zA-Z0-9_.\-/]*$/.test(prefix)) {
      throw new BreakerUsageError(
        `"prefix" must be an SSM path starting with "/", got ${JSON.stringify(prefix)}`,
      );
    }
    if (!prefix.endsWith('/')) prefix = `${prefix}/`;
    parameterName =
      parsed.dependency === undefined ? undefined : breakerParameterName(prefix, parsed.dependency);
  } catch (error: unknown) {
    if (error instanceof BreakerUsageError || error instanceof TypeError) {
      stderr(`bulwark breaker: ${error.message}\n\n${BREAKER_USAGE}\n`);
      return 2;
    }
    throw error;
  }

  const client = io.client ?? new SSMClient(parsed.region === undefined ? {} : { region: parsed.region });
  const action = parsed.command === 'status' ? 'read' : 'write';
  try {
    if (parsed.command === 'status') {
      return await statusCommand({ client, prefix, parameterName, json: parsed.json, stdout, stderr });
    }
    const operator = parsed.operator ?? env.BULWARK_OPERATOR ?? env.USER ?? 'operator';
    return await writeCommand({
      command: parsed.command,
      client,
      dependency: parsed.dependency!,
      parameterName: parameterName!,
      reason: parsed.reason,
      operator,
      yes: parsed.yes,
      dryRun: parsed.dryRun,
      now: (io.now ?? Date.now)(),
      confirm: io.confirm ?? terminalConfirm,
      stdout,
      stderr,
    });
  } catch (error: unknown) {
    if (error instanceof NotInteractiveError) {
      stderr(`bulwark breaker: ${error.message}\n`);
      return 2;
    }
    stderr(`bulwark breaker: ${describeSsmError(error, action, parameterName ?? prefix)}\n`);
    return 1;
  } finally {
    if (io.client === undefined) client.destroy();
  }
}

class NotInteractiveError extends Error {}

async function terminalConfirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) {
    throw new NotInteractiveError('stdin is not a terminal: pass --yes to write without confirmation');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
