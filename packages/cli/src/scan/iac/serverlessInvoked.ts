// iac-missing-dlq for a serverless.yml function that no event of its configuration triggers but the
// project's own code invokes asynchronously (`InvocationType: 'Event'`, js/rules/asyncInvokeNames.ts), as
// js/rules/serverlessTsInvoked.ts does for serverless.ts. Lambda retries such an invocation twice and then
// drops it unless the function has an on-failure target (`destinations.onFailure`, `onError`, `deadLetter`).
// The finding sits at the function's key, where the fix is written, and is kept by the project pass only
// when some code invokes the name the framework deploys it under (`service-stage-key`, or its own `name`).
import type { IacReport, Json } from './IacResult.js';
import { obj } from './IacResult.js';
import { extendedDeadLetter } from './serverlessExtensions.js';

/**
 * A deploy-time value (`${sls:stage}`, `${opt:stage, 'dev'}`) as `*`: only the deploy decides it.
 * @example
 * deployPattern('fees-${sls:stage}') // 'fees-*'
 */
export function deployPattern(text: string): string {
  return text.replace(/\$\{(?:[^{}]|\{[^{}]*\})*\}/g, '*');
}

/**
 * The deployed name patterns of a function: its own `name`, else the framework's `service-stage-key`.
 * @example
 * deployedNames('fees', 'storeFees', {}) // ['fees-*-storeFees']
 */
export function deployedNames(service: string, key: string, fn: Record<string, Json>): string[] {
  if (typeof fn.name === 'string') return [deployPattern(fn.name)];
  return [`${deployPattern(service)}-*-${key}`];
}

/** Text matched as itself inside a regular expression. */
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The configuration's `service`, written as a string or as `{ name }`.
 * @example
 * serviceName({ service: { name: 'fees' } }) // 'fees'
 */
export function serviceName(config: Record<string, Json>): string | undefined {
  const service = typeof config.service === 'string' ? config.service : obj(config.service)?.name;
  return typeof service === 'string' ? service : undefined;
}

/**
 * A serverless.yml function with no events the scan can read: only another source (the project's own
 * code, a permission for a source deployed elsewhere) can invoke it.
 * @example
 * eventless({ handler: 'src/a.handler' }) // true
 */
export function eventless(fn: Record<string, Json>): boolean {
  return fn.events === undefined || (Array.isArray(fn.events) && fn.events.length === 0);
}

/**
 * A serverless.yml function that keeps a failed async event: an on-failure destination, `onError` or a
 * `deadLetter`, or (`extended`) a DeadLetterConfig its `resources` merge in (serverlessExtensions.ts).
 * @example
 * keepsAsyncFailure({ destinations: { onFailure: 'arn:aws:sqs:...' } }) // true
 */
export function keepsAsyncFailure(fn: Record<string, Json>, extended?: Json): boolean {
  return (
    obj(fn.destinations)?.onFailure !== undefined ||
    fn.onError !== undefined ||
    fn.deadLetter !== undefined ||
    extended !== undefined
  );
}

/**
 * The environment variables (the provider's, or any function's) the configuration sets to the function's
 * deployed name, written as its own `name` is (`${self:custom.prefix}-trigger`), or as the framework's
 * `service-stage-key` with any stage spelling: code that invokes by such a variable invokes this function.
 * @example
 * // provider.environment.TRIGGER_FN: ${self:custom.prefix}-trigger and functions.trigger.name the same text
 * variablesNaming(config, 'hooks', 'trigger', fn) // ['TRIGGER_FN']
 */
export function variablesNaming(
  config: Record<string, Json>,
  service: string,
  key: string,
  fn: Record<string, Json>,
): string[] {
  // Its own name is compared as written (two names of variables alone would be alike as patterns). The
  // default name's stage may be written as a variable or, once the configuration is resolved, as the
  // stage itself (`fees-dev-storeFees`): one stage word stands where the pattern has its `*`.
  const stage = '(?:\\*|[A-Za-z0-9_]+)';
  const fallback = new RegExp(`^${escaped(deployPattern(service))}-${stage}-${escaped(key)}$`);
  const names = (value: string) =>
    typeof fn.name === 'string' ? value === fn.name : fallback.test(deployPattern(value));
  const environments = [
    obj(obj(config.provider)?.environment),
    ...Object.values(obj(config.functions) ?? {}).map((f) => obj(obj(f)?.environment)),
  ];
  const out = new Set<string>();
  for (const env of environments)
    for (const [variable, value] of Object.entries(env ?? {}))
      if (typeof value === 'string' && names(value)) out.add(variable);
  return [...out];
}

/**
 * Reports each function with no events and no on-failure target, kept where its name is invoked with 'Event'.
 * @example
 * invokedByName(config, report) // iac-missing-dlq at functions.storeFees, kept if 'fees-*-storeFees' is invoked
 */
export function invokedByName(
  config: Record<string, Json>,
  report: IacReport,
  judged: ReadonlySet<string> = new Set(),
): void {
  const service = serviceName(config);
  if (service === undefined) return;
  for (const [key, f] of Object.entries(obj(config.functions) ?? {})) {
    // Judged already as invoked by a source deployed elsewhere (serverlessPermitted.ts).
    if (judged.has(key)) continue;
    const fn = obj(f);
    // Events the scan cannot read (a variable in a serverless.ts) may be this function's trigger.
    if (fn === undefined || !eventless(fn) || keepsAsyncFailure(fn, extendedDeadLetter(config, key)))
      continue;
    const variables = variablesNaming(config, service, key, fn);
    report(
      'iac-missing-dlq',
      ['functions', key],
      `${key} is invoked asynchronously by the project's code (InvocationType 'Event') with no destinations.onFailure, onError or deadLetter: after Lambda's two retries the event is dropped`,
      {
        onlyIfNameInvoked: deployedNames(service, key, fn),
        // The code may invoke it by a variable the configuration sets to its name (`process.env.TRIGGER_FN`).
        ...(variables.length > 0 ? { onlyIfEnvInvoked: { variables, under: [''] } } : {}),
      },
    );
  }
}
