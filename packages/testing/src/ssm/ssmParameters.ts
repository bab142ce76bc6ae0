// SSM Parameter Store's parameters in memory and the operations the emulator answers on them, with the
// error names and version rules of the real service; the HTTP edge is the shared awsJsonService.

import { requireString } from '../awsJson/awsJsonInput.js';
import { type AwsJsonOperation, AwsServiceError } from '../awsJson/awsJsonService.js';
import type { SsmOperation, SsmParameterType } from './ssmEmulator.js';

/** One version of a parameter as the store keeps it. */
export interface StoredVersion {
  readonly value: string;
  readonly type: SsmParameterType;
  readonly version: number;
  readonly lastModified: Date;
}

const MAX_BY_PATH_RESULTS = 10;
const MAX_GET_PARAMETERS = 10;
// The service keeps the last 100 versions of a parameter.
const MAX_VERSIONS = 100;

/** The store, its seeding helpers and the operations over it. */
export interface SsmParameters {
  readonly store: Map<string, StoredVersion[]>;
  write(name: string, value: string, type: SsmParameterType | undefined): number;
  current(name: string): StoredVersion | undefined;
  readonly operations: Record<SsmOperation, AwsJsonOperation>;
}

/** Parameters of one account, and the SSM operations over them. */
export function ssmParameters(accountId: string): SsmParameters {
  const store = new Map<string, StoredVersion[]>();

  const arnOf = (name: string, requestRegion: string): string =>
    `arn:aws:ssm:${requestRegion}:${accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;

  const write = (name: string, value: string, type: SsmParameterType | undefined): number => {
    const history = store.get(name) ?? [];
    const previous = history.at(-1);
    const version = (previous?.version ?? 0) + 1;
    history.push({ value, type: type ?? previous?.type ?? 'String', version, lastModified: new Date() });
    if (history.length > MAX_VERSIONS) history.shift();
    store.set(name, history);
    return version;
  };

  const current = (name: string): StoredVersion | undefined => store.get(name)?.at(-1);

  const render = (
    name: string,
    stored: StoredVersion,
    decrypt: boolean,
    requestRegion: string,
    selector = '',
  ) => ({
    Name: name,
    Type: stored.type,
    // The real service returns the KMS ciphertext of a SecureString read without decryption.
    Value:
      stored.type === 'SecureString' && !decrypt
        ? Buffer.from(`kms-ciphertext:${stored.value}`).toString('base64')
        : stored.value,
    Version: stored.version,
    ...(selector === '' ? {} : { Selector: selector }),
    LastModifiedDate: stored.lastModified.getTime() / 1000,
    ARN: arnOf(name, requestRegion),
    DataType: 'text',
  });

  // `name`, `name:3` (a version selector); labels are not emulated.
  const lookup = (raw: string): { name: string; stored: StoredVersion | undefined; selector: string } => {
    const match = /^(.*):(\d+)$/.exec(raw);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      const version = Number(match[2]);
      return {
        name: match[1],
        stored: store.get(match[1])?.find((entry) => entry.version === version),
        selector: `:${version}`,
      };
    }
    return { name: raw, stored: current(raw), selector: '' };
  };

  const requireName = (input: Record<string, unknown>, field = 'Name'): string =>
    requireString(input, field, field.toLowerCase());

  const operations: Record<SsmOperation, AwsJsonOperation> = {
    GetParameter(input, { region: requestRegion }) {
      const { name, stored, selector } = lookup(requireName(input));
      if (stored === undefined) {
        if (selector !== '' && store.has(name)) {
          throw new AwsServiceError(
            'ParameterVersionNotFound',
            `Systems Manager could not find version ${selector.slice(1)} of ${name}.`,
          );
        }
        throw new AwsServiceError('ParameterNotFound', `Parameter ${name} not found.`);
      }
      return { Parameter: render(name, stored, input.WithDecryption === true, requestRegion, selector) };
    },
    GetParameters(input, { region: requestRegion }) {
      const names = input.Names;
      if (!Array.isArray(names) || names.length === 0 || names.length > MAX_GET_PARAMETERS) {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value at 'names' failed to satisfy constraint: Member must have length between 1 and ${MAX_GET_PARAMETERS}`,
        );
      }
      const parameters: unknown[] = [];
      const invalid: string[] = [];
      for (const raw of new Set(names.map(String))) {
        const { name, stored, selector } = lookup(raw);
        if (stored === undefined) invalid.push(raw);
        else parameters.push(render(name, stored, input.WithDecryption === true, requestRegion, selector));
      }
      return { Parameters: parameters, InvalidParameters: invalid };
    },
    GetParametersByPath(input, { region: requestRegion }) {
      const path = requireName(input, 'Path');
      if (!path.startsWith('/')) {
        throw new AwsServiceError(
          'ValidationException',
          `The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward slash "/". ${path}`,
        );
      }
      const maxResults = input.MaxResults ?? MAX_BY_PATH_RESULTS;
      if (
        typeof maxResults !== 'number' ||
        !Number.isInteger(maxResults) ||
        maxResults < 1 ||
        maxResults > MAX_BY_PATH_RESULTS
      ) {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value '${String(maxResults)}' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to ${MAX_BY_PATH_RESULTS}`,
        );
      }
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const recursive = input.Recursive === true;
      const matching = [...store.keys()]
        .filter((name) => {
          if (!name.startsWith(prefix) || name === prefix) return false;
          return recursive || !name.slice(prefix.length).includes('/');
        })
        .sort();
      let start = 0;
      if (input.NextToken !== undefined) {
        const decoded = decodeToken(input.NextToken, prefix);
        if (decoded === undefined)
          throw new AwsServiceError('InvalidNextToken', 'The specified token is not valid.');
        start = decoded;
      }
      const page = matching.slice(start, start + maxResults);
      const next = start + page.length;
      return {
        Parameters: page.map((name) =>
          render(name, current(name)!, input.WithDecryption === true, requestRegion),
        ),
        ...(next < matching.length ? { NextToken: encodeToken(next, prefix) } : {}),
      };
    },
    PutParameter(input) {
      const name = requireName(input);
      const value = input.Value;
      if (typeof value !== 'string' || value === '') {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1`,
        );
      }
      if (value.length > 4096) {
        throw new AwsServiceError(
          'ValidationException',
          `Standard tier parameters support a maximum parameter value of 4096 characters.`,
        );
      }
      if (name.includes('/') && !name.startsWith('/')) {
        throw new AwsServiceError(
          'ValidationException',
          `Parameter name: can't be prefixed with "/" only when it is hierarchical: ${name}`,
        );
      }
      const type = input.Type;
      if (type !== undefined && type !== 'String' && type !== 'StringList' && type !== 'SecureString') {
        throw new AwsServiceError(
          'ValidationException',
          `1 validation error detected: Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`,
        );
      }
      const existing = current(name);
      if (existing !== undefined && input.Overwrite !== true) {
        throw new AwsServiceError(
          'ParameterAlreadyExists',
          'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.',
        );
      }
      if (existing === undefined && type === undefined) {
        throw new AwsServiceError(
          'ValidationException',
          'A parameter type is required when you create a parameter.',
        );
      }
      // The service refuses to turn a parameter into or out of a SecureString in place.
      if (
        existing !== undefined &&
        type !== undefined &&
        type !== existing.type &&
        (type === 'SecureString' || existing.type === 'SecureString')
      ) {
        throw new AwsServiceError(
          'HierarchyTypeMismatchException',
          `The parameter type can't be changed from ${existing.type} to ${type}. Create a new parameter instead.`,
        );
      }
      return { Version: write(name, value, type), Tier: 'Standard' };
    },
    DeleteParameter(input) {
      const name = requireName(input);
      if (!store.has(name)) throw new AwsServiceError('ParameterNotFound', `Parameter ${name} not found.`);
      store.delete(name);
      return {};
    },
  };

  return { store, write, current, operations };
}

function encodeToken(offset: number, prefix: string): string {
  return Buffer.from(JSON.stringify({ offset, prefix })).toString('base64');
}

function decodeToken(token: unknown, prefix: string): number | undefined {
  if (typeof token !== 'string') return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as {
      offset?: unknown;
      prefix?: unknown;
    };
    return typeof parsed.offset === 'number' && parsed.prefix === prefix ? parsed.offset : undefined;
  } catch {
    return undefined;
  }
}
