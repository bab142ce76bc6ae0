// The writer's side of the shared state: the probe and the CLI read fresh (no cache) and write through
// these, so both store exactly the same document in exactly the same way. SDK errors propagate unchanged:
// each caller decides what ThrottlingException or AccessDeniedException means to its user.
// The SDK module is loaded on first use, so the policies barrel does not load it for every importer.
import type { SSMClient } from '@aws-sdk/client-ssm';
import { describeValue } from '@bulwark/errors';
import {
  type BreakerDocumentResult,
  parseBreakerDocument,
  serializeBreakerDocument,
} from './breakerDocument.js';
import type { BreakerStateDocument } from './SharedBreakerState.js';

/**
 * One breaker parameter as read, fresh, from SSM.
 *
 * @example
 * ```ts
 * import { readBreakerParameter } from '@bulwark/policies';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * const read = await readBreakerParameter(new SSMClient({}), '/bulwark/breakers/edna');
 * if (read.found && read.result.ok) console.log(read.result.document.state);
 * ```
 */
export type BreakerParameter =
  | { readonly name: string; readonly found: false }
  | {
      readonly name: string;
      readonly found: true;
      /** The text stored, as is. */
      readonly raw: string;
      /** SSM's own version counter of the parameter (increments on every PutParameter). */
      readonly parameterVersion: number | undefined;
      readonly result: BreakerDocumentResult;
    };

/**
 * Reads one breaker parameter with a GetParameter (no cache). A missing parameter is `{ found: false }`;
 * any other SDK error is thrown as the SDK threw it.
 *
 * @example
 * ```ts
 * import { readBreakerParameter } from '@bulwark/policies';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * const read = await readBreakerParameter(new SSMClient({}), '/bulwark/breakers/edna', { dependency: 'edna' });
 * ```
 */
export async function readBreakerParameter(
  client: SSMClient,
  name: string,
  options: { readonly dependency?: string } = {},
): Promise<BreakerParameter> {
  const { GetParameterCommand } = await import('@aws-sdk/client-ssm');
  try {
    const out = await client.send(new GetParameterCommand({ Name: name }));
    const raw = out.Parameter?.Value;
    if (raw === undefined) return { name, found: false };
    return {
      name,
      found: true,
      raw,
      // Stryker disable next-line OptionalChaining: raw came from out.Parameter, so it is there
      parameterVersion: out.Parameter?.Version,
      result: parseBreakerDocument(raw, options),
    };
  } catch (error: unknown) {
    if ((error as { name?: unknown } | null)?.name === 'ParameterNotFound') return { name, found: false };
    throw error;
  }
}

/**
 * Writes a document (validated first) with PutParameter, overwriting. SSM has no compare-and-set:
 * the last writer wins, so callers re-read just before writing and write only on a change.
 *
 * @throws TypeError for a document that does not fit the schema; SDK errors as thrown by the SDK.
 * @example
 * ```ts
 * import { writeBreakerParameter } from '@bulwark/policies';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * const now = new Date().toISOString();
 * await writeBreakerParameter(new SSMClient({}), '/bulwark/breakers/edna', {
 *   version: 1, dependency: 'edna', state: 'forced-open', since: now, updatedAt: now,
 *   reason: 'INC-1234', writtenBy: { kind: 'operator', id: 'alice' },
 * });
 * ```
 */
export async function writeBreakerParameter(
  client: SSMClient,
  name: string,
  document: BreakerStateDocument,
): Promise<void> {
  const value = serializeBreakerDocument(document);
  const { PutParameterCommand } = await import('@aws-sdk/client-ssm');
  await client.send(
    new PutParameterCommand({
      Name: name,
      Value: value,
      Type: 'String',
      Overwrite: true,
      Description: `Bulwark fleet breaker state for ${document.dependency}`,
    }),
  );
}

/**
 * Lists every breaker parameter under a path prefix (GetParametersByPath, recursive, all pages),
 * sorted by name. Each entry carries its validation result; refused documents are listed, not hidden.
 *
 * @example
 * ```ts
 * import { listBreakerParameters } from '@bulwark/policies';
 * import { SSMClient } from '@aws-sdk/client-ssm';
 * for (const p of await listBreakerParameters(new SSMClient({}), '/bulwark/breakers/')) console.log(p.name);
 * ```
 */
export async function listBreakerParameters(
  client: SSMClient,
  prefix: string,
): Promise<readonly (BreakerParameter & { readonly found: true })[]> {
  const path = prefix.length > 1 && prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const out: (BreakerParameter & { readonly found: true })[] = [];
  const { paginateGetParametersByPath } = await import('@aws-sdk/client-ssm');
  for await (const page of paginateGetParametersByPath({ client }, { Path: path, Recursive: true })) {
    // Stryker disable next-line ArrayDeclaration: whatever stands in for a missing list holds no entry with a Name and a Value
    for (const p of page.Parameters ?? []) {
      if (p.Name === undefined || p.Value === undefined) continue;
      out.push({
        name: p.Name,
        found: true,
        raw: p.Value,
        parameterVersion: p.Version,
        result: parseBreakerDocument(p.Value),
      });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The path prefix the probe, the CLI and the docs use when none is given.
 *
 * @example
 * ```ts
 * import { DEFAULT_BREAKER_PREFIX } from '@bulwark/policies';
 * console.log(DEFAULT_BREAKER_PREFIX); // /bulwark/breakers/
 * ```
 */
export const DEFAULT_BREAKER_PREFIX = '/bulwark/breakers/';

/** The same rule as `checkDependencyName` of @bulwark/policies: an SSM path segment, a dimension value, a log key. */
const DEPENDENCY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const MAX_NAME_LENGTH = 128;

/**
 * The parameter that holds a dependency's document under a prefix: `/bulwark/breakers/` + `edna`.
 *
 * @throws TypeError when the prefix does not start with `/` or the dependency name has characters SSM
 *   refuses in one path segment.
 * @example
 * ```ts
 * import { breakerParameterName } from '@bulwark/policies';
 * breakerParameterName('/bulwark/breakers', 'edna'); // '/bulwark/breakers/edna'
 * ```
 */
export function breakerParameterName(prefix: string, dependency: string): string {
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || !/^[a-zA-Z0-9_.\-/]+$/.test(prefix)) {
    throw new TypeError(`"prefix" must be an SSM path starting with "/", got ${describeValue(prefix)}`);
  }
  if (
    typeof dependency !== 'string' ||
    dependency.length > MAX_NAME_LENGTH ||
    !DEPENDENCY_NAME.test(dependency)
  ) {
    throw new TypeError(
      `"dependency" must be 1-${MAX_NAME_LENGTH} characters of A-Z a-z 0-9 _ . - starting with a letter, digit or _, got ${describeValue(dependency)}`,
    );
  }
  return `${prefix.endsWith('/') ? prefix : `${prefix}/`}${dependency}`;
}
