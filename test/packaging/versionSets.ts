// The dependency versions the packaging test installs beside the packed packages. LOWEST is the floor of every
// range the packages declare (test/workspace.test.ts holds the manifests to it) and of the root README's
// Compatibility table; LATEST is what `npm install <name>` gives a new user today.

/** The Powertools packages a user installs beside Bulwark (peer or plain dependencies of ours). */
export const POWERTOOLS_PACKAGES = ['batch', 'idempotency', 'logger', 'metrics', 'parameters'] as const;
/** The AWS SDK v3 clients a user installs beside Bulwark. */
// lib-dynamodb: Powertools idempotency's DynamoDB layer needs it (its docs tell users to install it).
export const SDK_PACKAGES = [
  'client-dynamodb',
  'client-eventbridge',
  'client-sqs',
  'client-ssm',
  'lib-dynamodb',
] as const;

export interface VersionSet {
  readonly name: string;
  /** One spec for every Powertools package (mixed versions install commons twice). */
  readonly powertools: string;
  readonly sdk: string;
  readonly middy: string;
  readonly msw: string;
  /** A Powertools version other than the one installed, nested under `powertools-other-copy` (logger, parameters). */
  readonly otherPowertools: string;
  /** What else a project of this set needs to type-check with skipLibCheck: false. */
  readonly extra: Readonly<Record<string, string>>;
}

/**
 * - Powertools 2.33.0: the oldest release of every Powertools package Bulwark uses (batch and idempotency are
 *   not published for each 2.x).
 * - SDK v3 3.910.0: the first clients that require @smithy/node-http-handler >= 4.4 (`throwOnRequestTimeout`,
 *   which the CLI's and the shared state's request timeouts rely on).
 * - middy 5.0.2: the oldest 5.x published.
 * - msw 3.0.5: the version @bulwark/testing is developed against.
 */
export const LOWEST: VersionSet = {
  name: 'lowest',
  powertools: '2.33.0',
  sdk: '3.910.0',
  middy: '5.0.2',
  msw: '3.0.5',
  otherPowertools: '2.34.0',
  extra: {},
};

export const LATEST: VersionSet = {
  name: 'latest',
  powertools: '^2',
  sdk: '^3',
  middy: '>=5',
  msw: '^3',
  otherPowertools: '2.34.0',
  // middy 7's index.d.ts imports the types of this optional peer of its own: without it a project with
  // skipLibCheck: false fails inside middy, whatever else it uses.
  extra: { '@aws/durable-execution-sdk-js': '^2.0.0' },
};

/** The ranges the published manifests must declare, derived from LOWEST. */
export const DECLARED_RANGES = {
  powertools: `^${LOWEST.powertools}`,
  sdk: `^${LOWEST.sdk}`,
  msw: `^${LOWEST.msw}`,
} as const;
