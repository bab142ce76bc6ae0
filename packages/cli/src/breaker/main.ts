// `bulwark breaker status|open|close|clear`: operators read and force the fleet breaker state in SSM,
// writing exactly the document the probe writes. bin.ts dispatches here; tests call it in-process.
import { SSMClient } from '@aws-sdk/client-ssm';
import { breakerParameterName, DEFAULT_BREAKER_PREFIX } from '@bulwark/policies';
import { refusalExitCode } from '../aws/CommandRefused.js';
import { boundedRequestHandler, resolveRegion } from '../aws/requestHandler.js';
import { terminalConfirm } from '../aws/terminalConfirm.js';
import { usageExit } from '../aws/usageExit.js';
import type { BreakerCliIo } from './BreakerCliIo.js';
import { describeSsmError } from './describeSsmError.js';
import { type OperatorDocument, operatorDocument } from './operatorDocument.js';
import {
  BREAKER_COMMAND_USAGE,
  BREAKER_USAGE,
  type BreakerArgs,
  BreakerUsageError,
  parseBreakerArgs,
} from './parseBreakerArgs.js';
import { statusCommand } from './statusCommand.js';
import { writeCommand } from './writeCommand.js';

export type { BreakerCliIo } from './BreakerCliIo.js';

/** The implementation behind {@link breakerMain} (./breakerMain.ts), loaded on its first call. */
export async function runBreaker(argv: readonly string[], io: BreakerCliIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => void process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => void process.stderr.write(text));
  const env = io.env ?? process.env;
  const args = argv[0] === 'breaker' ? argv.slice(1) : argv;
  const usage = usageExit('breaker', BREAKER_USAGE, BREAKER_COMMAND_USAGE, stderr);

  let parsed: BreakerArgs;
  let prefix: string;
  let parameterName: string | undefined;
  let write: OperatorDocument | undefined;
  try {
    parsed = parseBreakerArgs(args);
    if (parsed.help) {
      stdout(`${parsed.named ? BREAKER_COMMAND_USAGE[parsed.command] : BREAKER_USAGE}\n`);
      return 0;
    }
    prefix = parsed.prefix ?? env.BULWARK_BREAKER_PREFIX ?? DEFAULT_BREAKER_PREFIX;
    if (!/^\/[a-zA-Z0-9_.\-/]*$/.test(prefix)) {
      throw new BreakerUsageError(
        `"prefix" must be an SSM path starting with "/", got ${JSON.stringify(prefix)}`,
        parsed.command,
      );
    }
    if (!prefix.endsWith('/')) prefix = `${prefix}/`;
    parameterName =
      parsed.dependency === undefined ? undefined : breakerParameterName(prefix, parsed.dependency);
    if (parsed.command !== 'status') {
      // Built before any request: a reason SSM or the readers would refuse is a usage error, not a failed write.
      write = operatorDocument(
        parsed.command,
        parsed.dependency!,
        parsed.reason,
        parsed.operator ?? env.BULWARK_OPERATOR ?? env.USER ?? 'operator',
        (io.now ?? Date.now)(),
      );
    }
  } catch (error: unknown) {
    return usage.caught(error);
  }

  const client =
    io.client ??
    new SSMClient({
      ...(parsed.region === undefined ? {} : { region: parsed.region }),
      requestHandler: boundedRequestHandler(parsed.timeoutMs),
    });
  const action = parsed.command === 'status' ? 'read' : 'write';
  try {
    const region = await resolveRegion(client);
    if (region === undefined) {
      return usage.fail(
        'no AWS region: pass --region <region>, or set AWS_REGION (or a region in the AWS profile you use)',
        parsed.named ? parsed.command : undefined,
      );
    }
    if (parsed.command === 'status') {
      return await statusCommand({ client, prefix, parameterName, json: parsed.json, stdout, stderr });
    }
    return await writeCommand({
      command: parsed.command,
      client,
      dependency: parsed.dependency!,
      parameterName: parameterName!,
      write: write!,
      yes: parsed.yes,
      dryRun: parsed.dryRun,
      confirm: io.confirm ?? terminalConfirm,
      stdout,
      stderr,
    });
  } catch (error: unknown) {
    const refused = refusalExitCode(error, 'breaker', parsed.command, stderr);
    if (refused !== undefined) return refused;
    const context = { action, parameter: parameterName ?? prefix, timeoutMs: parsed.timeoutMs };
    stderr(`bulwark breaker: ${describeSsmError(error, context)}\n`);
    return 1;
  } finally {
    if (io.client === undefined) client.destroy();
  }
}
