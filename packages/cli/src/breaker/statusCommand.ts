// `bulwark breaker status`: one dependency, or a table of every dependency under the prefix.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { type BreakerParameter, listBreakerParameters, readBreakerParameter } from '@bulwark/policies';
import { terminalText } from './terminalText.js';

export interface StatusInput {
  readonly client: SSMClient;
  readonly prefix: string;
  readonly parameterName: string | undefined;
  readonly json: boolean;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export async function statusCommand(input: StatusInput): Promise<number> {
  const rows: BreakerParameter[] = [];
  if (input.parameterName !== undefined) {
    const one = await readBreakerParameter(input.client, input.parameterName);
    if (!one.found) {
      input.stderr(
        `bulwark breaker: no breaker parameter ${input.parameterName}: the probe has not written it yet, or --prefix is wrong\n`,
      );
      return 1;
    }
    rows.push(one);
  } else {
    rows.push(...(await listBreakerParameters(input.client, input.prefix)));
    if (rows.length === 0) {
      input.stderr(`bulwark breaker: no breaker parameters under ${input.prefix} (is --prefix right?)\n`);
      return 1;
    }
  }
  if (input.json) {
    input.stdout(`${escapeC1(JSON.stringify(rows.map(toJson), null, 2))}\n`);
  } else {
    input.stdout(`${formatStatusTable(rows, input.prefix)}\n`);
  }
  // A refused document is worth a non-zero exit: every instance is ignoring it.
  return rows.some((row) => row.found && !row.result.ok) ? 1 : 0;
}

function toJson(row: BreakerParameter): Record<string, unknown> {
  if (!row.found) return { parameter: row.name, found: false };
  return row.result.ok
    ? { parameter: row.name, ...row.result.document }
    : { parameter: row.name, invalid: row.result.problem, detail: row.result.message };
}

export function formatStatusTable(rows: readonly BreakerParameter[], prefix: string): string {
  const header = ['DEPENDENCY', 'STATE', 'SINCE', 'RETRY AT', 'WRITTEN BY', 'REASON'];
  const body = rows
    .map((row): (string | undefined)[] => {
      const dependency = row.name.startsWith(prefix) ? row.name.slice(prefix.length) : row.name;
      if (!row.found) return [dependency, '(missing)', '-', '-', '-', '-'];
      if (!row.result.ok) {
        return [dependency, `(refused: ${row.result.problem})`, '-', '-', '-', row.result.message];
      }
      const d = row.result.document;
      return [dependency, d.state, d.since, d.retryAt, `${d.writtenBy.kind}:${d.writtenBy.id}`, d.reason];
    })
    .map((cells) => cells.map(terminalText));
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((r) => (r[i] ?? '').length)));
  return [header, ...body]
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * JSON.stringify escapes C0 controls inside strings but leaves DEL and the C1 controls (U+0080-U+009F, where
 * U+009B starts an escape sequence on many terminals) as they are; their \u escapes are the same JSON value.
 */
function escapeC1(json: string): string {
  return json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
