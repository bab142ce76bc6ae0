// Runtime switches read from SSM Parameter Store or AWS AppConfig through a Powertools parameters provider:
// read every maxAgeSeconds in the background, fail-static (a failed or invalid read keeps the last good values,
// and the declared defaults stand until a first good read), never on the request path.

import { MAX_TIMER_MS, nearestName, optionError, readOptions, serializeError } from '@bulwark/errors';
import { jsonLineLogger, type ServiceLogger } from '../options/ServiceLogger.js';
import {
  DEFAULT_RUNTIME_SWITCHES,
  type RuntimeSwitches,
  type RuntimeSwitchesOptions,
  type SwitchProvider,
} from './RuntimeSwitchesOptions.js';
import { parseSwitchDocument, SWITCH_NAME } from './switchDocument.js';

const OWNER = 'runtimeSwitches';

function integer(field: string, value: unknown, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw optionError(OWNER, field, value, `an integer between ${min} and ${max}`);
  }
  return value;
}

async function defaultProvider(): Promise<SwitchProvider> {
  const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
  return new SSMProvider();
}

/**
 * Declares the service's runtime switches and starts reading them from SSM (or AppConfig, with an
 * `AppConfigProvider`). Options are checked here; reads never throw to the caller.
 *
 * @example
 * ```ts
 * import { wrapDependency } from '@bulwark/policies';
 * import { runtimeSwitches } from '@bulwark/service';
 * const payments = wrapDependency('payments');
 * const switches = runtimeSwitches({
 *   parameterName: '/orders/switches',
 *   defaults: { recommendations: true, 'payments.force-open': false },
 * });
 * switches.isolateWhile('payments.force-open', payments);
 * ```
 */
export function runtimeSwitches<Name extends string>(
  options: RuntimeSwitchesOptions<Name>,
): RuntimeSwitches<Name> {
  const o = readOptions(OWNER, options, [
    'parameterName',
    'defaults',
    'provider',
    'maxAgeSeconds',
    'readTimeoutMs',
    'logger',
  ]);
  const parameterName = o.parameterName;
  if (typeof parameterName !== 'string' || !/^[A-Za-z0-9_.\-/]{1,2048}$/.test(parameterName)) {
    throw optionError(OWNER, 'parameterName', parameterName, 'an SSM parameter name or AppConfig profile');
  }
  const defaults = readOptions(OWNER, o.defaults, Object.keys(o.defaults ?? {}), 'defaults');
  const declared = Object.keys(defaults);
  if (declared.length === 0) {
    throw optionError(OWNER, 'defaults', o.defaults, 'an object declaring at least one switch');
  }
  for (const name of declared) {
    if (!SWITCH_NAME.test(name)) {
      throw optionError(OWNER, 'defaults', name, 'switch names of letters, digits, ".", "-" and "_"');
    }
    if (typeof defaults[name] !== 'boolean') {
      throw optionError(OWNER, `defaults.${name}`, defaults[name], 'true or false');
    }
  }
  if (o.provider !== undefined && typeof (o.provider as SwitchProvider | null)?.get !== 'function') {
    throw optionError(OWNER, 'provider', o.provider, 'a Powertools parameters provider (get(name))');
  }
  const maxAgeSeconds = integer(
    'maxAgeSeconds',
    o.maxAgeSeconds,
    1,
    Math.floor(MAX_TIMER_MS / 1_000),
    DEFAULT_RUNTIME_SWITCHES.maxAgeSeconds,
  );
  const readTimeoutMs = integer(
    'readTimeoutMs',
    o.readTimeoutMs,
    1,
    MAX_TIMER_MS,
    DEFAULT_RUNTIME_SWITCHES.readTimeoutMs,
  );
  const logger = (o.logger as ServiceLogger | undefined) ?? jsonLineLogger('switches');
  if (typeof logger.warn !== 'function' || typeof logger.info !== 'function') {
    throw optionError(OWNER, 'logger', o.logger, 'an object with info, warn and error methods');
  }

  const values = new Map<string, boolean>(declared.map((name) => [name, defaults[name] as boolean]));
  const listeners = new Set<(event: { readonly name: Name; readonly on: boolean }) => void>();
  const isolations = new Map<string, { isolate(): { dispose(): void } }[]>();
  const handles = new Map<{ isolate(): { dispose(): void } }, { dispose(): void }>();
  const stats = { reads: 0, failures: 0, invalidDocuments: 0 };
  let providerPromise: Promise<SwitchProvider> | undefined;
  let reading: Promise<void> | undefined;
  let failing = false;
  let lastUnknown = '';
  let timer: NodeJS.Timeout | undefined;

  const applyIsolation = (name: string) => {
    for (const dep of isolations.get(name) ?? []) {
      const held = handles.get(dep);
      if (values.get(name) === true && held === undefined) handles.set(dep, dep.isolate());
      if (values.get(name) !== true && held !== undefined) {
        held.dispose();
        handles.delete(dep);
      }
    }
  };

  const read = async (): Promise<void> => {
    stats.reads++;
    providerPromise ??= o.provider ? Promise.resolve(o.provider as SwitchProvider) : defaultProvider();
    let timeout: NodeJS.Timeout | undefined;
    try {
      const pending = providerPromise;
      const raw = await Promise.race([
        pending.then((provider) => provider.get(parameterName, { maxAge: maxAgeSeconds, forceFetch: true })),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(
            () => reject(new Error(`read timed out after ${readTimeoutMs} ms`)),
            readTimeoutMs,
          );
        }),
      ]);
      const parsed = parseSwitchDocument(raw, declared);
      if (!parsed.ok) {
        stats.invalidDocuments++;
        logger.warn('runtime switches document refused; keeping the last good values', {
          parameterName,
          problem: parsed.problem,
        });
        return;
      }
      if (failing) logger.info('runtime switches read again', { parameterName });
      failing = false;
      const unknownKey = parsed.unknown.join(', ');
      if (unknownKey !== '' && unknownKey !== lastUnknown) {
        logger.warn('runtime switches document names switches this service does not declare', {
          parameterName,
          unknown: parsed.unknown,
        });
      }
      lastUnknown = unknownKey;
      for (const name of declared) {
        const next = parsed.values.get(name) ?? (defaults[name] as boolean);
        if (values.get(name) === next) continue;
        values.set(name, next);
        logger.info('runtime switch changed', { parameterName, switch: name, on: next });
        applyIsolation(name);
        for (const listener of listeners) listener({ name: name as Name, on: next });
      }
    } catch (error) {
      stats.failures++;
      if (!failing) {
        logger.warn('runtime switches read failed; keeping the last good values', {
          parameterName,
          error: serializeError(error),
        });
      }
      failing = true;
    } finally {
      clearTimeout(timeout);
    }
  };

  const refresh = (): Promise<void> => {
    reading ??= read().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  const first = refresh();
  timer = setInterval(() => void refresh(), maxAgeSeconds * 1_000);
  timer.unref();

  return {
    isOn(name) {
      const value = values.get(name);
      if (value === undefined) {
        const near = nearestName(String(name), declared);
        throw new TypeError(
          `${OWNER}: switch "${String(name)}" is not declared${near === undefined ? '' : `; did you mean "${near}"?`} Declared: ${declared.join(', ')}`,
        );
      }
      return value;
    },
    ready: () => first,
    refresh,
    snapshot: () => Object.fromEntries(values) as Record<Name, boolean>,
    isolateWhile(name, dependency) {
      this.isOn(name);
      if (typeof dependency?.isolate !== 'function') {
        throw optionError(OWNER, 'dependency', dependency, 'a Dependency with isolate()');
      }
      isolations.set(name, [...(isolations.get(name) ?? []), dependency]);
      applyIsolation(name);
    },
    onChange(listener) {
      listeners.add(listener);
      return { dispose: () => listeners.delete(listener) };
    },
    stats: () => ({ ...stats }),
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
