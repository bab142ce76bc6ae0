// The types of runtime switches: the provider they read through, their options, and the handle.

import type { ServiceLogger } from '../options/ServiceLogger.js';

/**
 * The Powertools provider slice switches read through: `SSMProvider` and `AppConfigProvider` from
 * `@aws-lambda-powertools/parameters` both fit.
 *
 * @example
 * ```ts
 * import { AppConfigProvider } from '@aws-lambda-powertools/parameters/appconfig';
 * import type { SwitchProvider } from '@bulwark/service';
 * const provider: SwitchProvider = new AppConfigProvider({ application: 'orders', environment: 'prod' });
 * ```
 */
export interface SwitchProvider {
  get(name: string, options?: { maxAge?: number; forceFetch?: boolean }): Promise<unknown>;
}

/**
 * Where the switches live and what they are without a document.
 *
 * @example
 * ```ts
 * import { runtimeSwitches } from '@bulwark/service';
 * const switches = runtimeSwitches({
 *   parameterName: '/orders/switches',
 *   defaults: { recommendations: true, 'payments.force-open': false },
 *   maxAgeSeconds: 30,
 * });
 * ```
 */
export interface RuntimeSwitchesOptions<Name extends string> {
  /** The SSM parameter name, or the AppConfig configuration profile when `provider` is an `AppConfigProvider`. */
  readonly parameterName: string;
  /** Every switch the service reads, with its value until a document says otherwise. */
  readonly defaults: Readonly<Record<Name, boolean>>;
  /** @defaultValue a Powertools `SSMProvider` on a default `SSMClient` */
  readonly provider?: SwitchProvider;
  /** How often the document is read again (and the provider's cache max age). @defaultValue 30 */
  readonly maxAgeSeconds?: number;
  /** The bound of each read, and of `ready()`. @defaultValue 1000 */
  readonly readTimeoutMs?: number;
  /** @defaultValue one JSON line per entry on stdout/stderr */
  readonly logger?: ServiceLogger;
}

/**
 * Every default `runtimeSwitches` applies.
 *
 * @example
 * ```ts
 * import { DEFAULT_RUNTIME_SWITCHES } from '@bulwark/service';
 * console.log(DEFAULT_RUNTIME_SWITCHES.maxAgeSeconds); // 30
 * ```
 */
export const DEFAULT_RUNTIME_SWITCHES = { maxAgeSeconds: 30, readTimeoutMs: 1_000 } as const;

/**
 * Read counters since construction.
 *
 * @example
 * ```ts
 * import type { RuntimeSwitchesStats } from '@bulwark/service';
 * const stats: RuntimeSwitchesStats = { reads: 3, failures: 1, invalidDocuments: 0 };
 * ```
 */
export interface RuntimeSwitchesStats {
  readonly reads: number;
  /** Reads that failed or timed out: the last good values stayed. */
  readonly failures: number;
  /** Reads that returned a document refused by the checks: the last good values stayed. */
  readonly invalidDocuments: number;
}

/**
 * The switches: synchronous reads of the last good values.
 *
 * @example
 * ```ts
 * import { runtimeSwitches } from '@bulwark/service';
 * const switches = runtimeSwitches({ parameterName: '/orders/switches', defaults: { recommendations: true } });
 * await switches.ready();
 * if (switches.isOn('recommendations')) console.log('showing recommendations');
 * ```
 */
export interface RuntimeSwitches<Name extends string> {
  /** The switch's value now; an undeclared name is a TypeError naming the nearest declared one. */
  isOn(name: Name): boolean;
  /** Resolves once the first read has finished, failed or timed out (bounded by `readTimeoutMs`); never rejects. */
  ready(): Promise<void>;
  /** Reads the document now (bounded); never rejects. */
  refresh(): Promise<void>;
  /** Every switch and its value now. */
  snapshot(): Readonly<Record<Name, boolean>>;
  /** Holds `dependency`'s circuit open (its `isolate()`) while the switch is on. */
  isolateWhile(name: Name, dependency: { isolate(): { dispose(): void } }): void;
  /** Called once per switch whose value changed. */
  onChange(listener: (event: { readonly name: Name; readonly on: boolean }) => void): { dispose(): void };
  stats(): RuntimeSwitchesStats;
  /** Stops the background reads (the timer is unref'd: it never keeps a process alive). */
  stop(): void;
}
