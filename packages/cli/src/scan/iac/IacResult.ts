import type { Candidate } from '../js/Candidate.js';
import type { TemplateTool } from './localTemplates.js';
import type { RouteParam } from './stackRoutes.js';
import type { TerraformFacts } from './terraformModules.js';

/** What one infrastructure file contributes: findings, and handlers whose event source has BatchSize 1. */
export interface IacResult {
  readonly candidates: Candidate[];
  /** Handler strings (`src/queue.handler`), prefixed with the code directory when the template gives one. */
  readonly batchOneHandlers: string[];
  /** Handler strings a queue, stream or asynchronous event source invokes (eventWiredHandlers.ts). */
  readonly eventHandlers?: readonly string[];
  /** Handler strings a schedule or an asynchronous source invokes (unreadAnswerHandlers.ts): nobody reads their answer. */
  readonly unreadHandlers?: readonly string[];
  /** The scheduled ones among unreadHandlers (unreadAnswerHandlers.ts): jobs, whatever they read. */
  readonly scheduledHandlers?: readonly string[];
  /** Handler strings an HTTP route invokes (requestHandlers.ts): a user waits on each answer. */
  readonly requestHandlers?: readonly string[];
  /** Every function's handler string, whatever invokes it (functionHandlers.ts): exports the runtime calls. */
  readonly handlers?: readonly string[];
  /** Environment variables the template sets to a function's name or ARN, with its handler string (unreadAnswerHandlers.ts). */
  readonly envFunctions?: readonly (readonly [string, string])[];
  /** Functions code may invoke by their deployed name, each name pattern with its handler string (nameInvokedHandlers.ts). */
  readonly namedHandlers?: readonly (readonly [readonly string[], string])[];
  readonly parseError?: string;
  /** A .tf file's outputs, mappings and alarms, joined across modules by the project pass. */
  readonly terraform?: TerraformFacts;
  /** The tool that runs a YAML/JSON template (`sam local`, `serverless offline`), judged by localTemplates.ts. */
  readonly tool?: TemplateTool;
  /** Export names of a CloudFormation template's on-demand tables, for consumers that import them. */
  readonly onDemandExports?: readonly string[];
  /** Export names a CloudFormation template's alarms import: another template's DLQ may be alarmed so. */
  readonly alarmImports?: readonly string[];
  /** Names (`ssm:<path>`, `queue:<name>`) of queues this template's functions poll, for Terraform's queues (polledQueueNames.ts). */
  readonly polledQueues?: readonly string[];
  /** Parameters a template's API integrations call as functions, for functions of other templates (stackRoutes.ts). */
  readonly routeParams?: readonly RouteParam[];
  /**
   * The template names a real account's resources (a VPC subnet or security group id, an ARN with an
   * account id): it is deployed, by a pipeline the repository may not hold (localTemplates.ts).
   */
  readonly accountBound?: true;
  /** The code folders a SAM/CloudFormation template's functions run, and whether production deploys it (codeDirs.ts). */
  readonly codeDirs?: readonly CodeDir[];
}

/** A function's code folder (absolute) as a template names it, and whether that template reaches production. */
export interface CodeDir {
  readonly dir: string;
  readonly production: boolean;
  /** The template's own folder. */
  readonly home: string;
}

/** What an infrastructure finding may add to its candidate. */
export type IacExtra = Pick<
  Candidate,
  | 'maxReceive'
  | 'severity'
  | 'handlerLink'
  | 'exportedDlq'
  | 'stackRouted'
  | 'onDemandImports'
  | 'onlyIfMessageGroupsVary'
  | 'fifoGroupsWritten'
  | 'fifoCodeDirs'
  | 'onlyIfNameInvoked'
  | 'onlyIfEnvInvoked'
>;

/**
 * The link from a template's batch finding to its handler's code (`src/orders.handler` -> stem
 * `src/orders`, export `handler`); stems are relative to the template until analyzeIac anchors them.
 * A stream source that neither reports item failures nor bisects (`unsplit`) is merged into the handler's
 * reported code like any other source (batchTwins.ts: one consumer, one finding); it stays only while that
 * code is not reported, and is dropped when the handler does no work per record. One that bisects
 * (`bisects`) is dropped behind a handler that answers no item failures (bisectedStreams.ts).
 */
export function batchLink(
  handler: string | undefined,
  source: 'queue' | 'unsplit' | 'bisects' = 'queue',
  packaged: readonly string[] = [],
): IacExtra | undefined {
  const dot = handler?.lastIndexOf('.') ?? -1;
  if (handler === undefined || dot <= 0) return undefined;
  return {
    handlerLink: {
      stems: [handler.slice(0, dot)],
      export: handler.slice(dot + 1),
      clearWhen: source === 'unsplit' ? 'no-record-work' : 'reported-in-code',
      ...(source === 'bisects' ? { bisects: true as const } : {}),
      ...(packaged.length > 0 ? { packaged } : {}),
    },
  };
}

/**
 * The link from an async function's finding to its handler's code, dropped when the handler does no work
 * (only logs): `handlers/audit.handler` -> stem `handlers/audit`, export `handler`.
 */
export function workLink(handler: string): IacExtra | undefined {
  const link = batchLink(handler)?.handlerLink;
  return link !== undefined ? { handlerLink: { ...link, clearWhen: 'no-work' } } : undefined;
}

export type IacReport = (
  rule: string,
  path: readonly (string | number)[],
  message: string,
  extra?: IacExtra,
) => void;

/** The extra of a redrive policy finding: judged against the configured limit, one step below critical. */
export function maxReceiveExtra(count: number, lambda: boolean): IacExtra {
  return { maxReceive: { count, consumer: lambda ? 'lambda' : 'other' }, severity: 'high' };
}

// biome-ignore lint/suspicious/noExplicitAny: template values are untyped JSON.
export type Json = any;

export function obj(value: unknown): Record<string, Json> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, Json>)
    : undefined;
}

export function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

export function joinHandler(codeUri: unknown, handler: unknown): string | undefined {
  if (typeof handler !== 'string') return undefined;
  const dir = typeof codeUri === 'string' ? codeUri.replace(/^\.\//, '').replace(/\/$/, '') : '';
  return dir && !dir.startsWith('s3:') ? `${dir}/${handler}` : handler;
}
