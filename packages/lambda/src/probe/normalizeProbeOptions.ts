// Checks the probe's options once, at construction: unknown keys refused with the nearest valid one,
// every duration within Node's timer limit, each dependency named as wrapDependency would name it.
import { describeValue, MAX_TIMER_MS, readOptions, redactText } from '@bulwark/errors';
import type { SharedStateLogger } from '@bulwark/policies';
import {
  type BreakerProbeOptions,
  DEFAULT_BREAKER_PROBE,
  type ProbeDependency,
} from './BreakerProbeOptions.js';
import { probeParameterName } from './probeParameterName.js';
import { type HealthCheck, urlCheck } from './runHealthCheck.js';

export interface Target {
  readonly name: string;
  readonly parameterName: string;
  readonly check: HealthCheck;
  readonly timeoutMs: number;
}

export interface NormalizedProbe {
  readonly targets: readonly Target[];
  readonly failureThreshold: number;
  readonly successThreshold: number;
  readonly checksPerInvocation: number;
  readonly checkIntervalMs: number;
  readonly retryAfterMs: number;
  readonly probeId: string;
  readonly logger: SharedStateLogger;
}

const consoleLogger: SharedStateLogger = {
  warn: (message, attributes) => console.warn(JSON.stringify({ level: 'WARN', message, ...attributes })),
  info: (message, attributes) => console.info(JSON.stringify({ level: 'INFO', message, ...attributes })),
};

const OPTION_KEYS = [
  'dependencies',
  'parameterPrefix',
  'failureThreshold',
  'successThreshold',
  'checksPerInvocation',
  'checkIntervalMs',
  'timeoutMs',
  'retryAfterSeconds',
  'probeId',
  'client',
  'fetch',
  'logger',
] as const;
const DEPENDENCY_KEYS = ['name', 'check', 'url', 'timeoutMs', 'parameterName'] as const;

export function normalizeProbeOptions(given: BreakerProbeOptions): NormalizedProbe {
  // readOptions refuses null or a non-object with this same message, but reads undefined as "no options".
  if (given === undefined) {
    throw new TypeError(`breakerProbeHandler: options must be an object, got ${describeValue(given)}`);
  }
  // Read once: unknown keys (`failThreshold`) refused with the nearest valid one; getters read once.
  const options = readOptions('breakerProbeHandler', given, OPTION_KEYS) as unknown as BreakerProbeOptions;
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const m = { ...DEFAULT_BREAKER_PROBE, ...defined } as Required<
    Pick<BreakerProbeOptions, keyof typeof DEFAULT_BREAKER_PROBE>
  >;
  for (const field of ['failureThreshold', 'successThreshold', 'checksPerInvocation'] as const) {
    if (!Number.isInteger(m[field]) || m[field] < 1) {
      throw new TypeError(`breakerProbeHandler: "${field}" must be an integer >= 1, got ${String(m[field])}`);
    }
  }
  for (const field of ['checkIntervalMs', 'timeoutMs', 'retryAfterSeconds'] as const) {
    // Each becomes a timer (or a retryAt): past Node's timer limit a timeout fires after 1 ms, and the
    // probe would write `open` for a healthy dependency.
    const max = field === 'retryAfterSeconds' ? MAX_TIMER_MS / 1000 : MAX_TIMER_MS;
    if (typeof m[field] !== 'number' || !(m[field] >= 0 && m[field] <= max)) {
      throw new TypeError(
        `breakerProbeHandler: "${field}" must be a number >= 0 and <= ${max}, got ${describeValue(m[field])}`,
      );
    }
  }
  if (m.timeoutMs === 0) throw new TypeError('breakerProbeHandler: "timeoutMs" must be > 0, got 0');
  if (!Array.isArray(options.dependencies) || options.dependencies.length === 0) {
    throw new TypeError(
      `breakerProbeHandler: "dependencies" must be a non-empty array, got ${describeValue(options.dependencies)}`,
    );
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const seen = new Set<string>();
  const targets = options.dependencies.map((given, i): Target => {
    const at = `dependencies[${i}]`;
    const d = readOptions('breakerProbeHandler', given, DEPENDENCY_KEYS, at) as unknown as ProbeDependency;
    let parameterName: string;
    try {
      // The name is checked even with an explicit parameterName: it is written into the document.
      const derived = probeParameterName(m.parameterPrefix, d.name);
      parameterName = d.parameterName ?? derived;
    } catch (error: unknown) {
      throw new TypeError(`breakerProbeHandler: ${at}: ${(error as Error).message}`);
    }
    if (seen.has(d.name)) throw new TypeError(`breakerProbeHandler: ${at}: "name" "${d.name}" appears twice`);
    seen.add(d.name);
    if ((d.check === undefined) === (d.url === undefined)) {
      throw new TypeError(`breakerProbeHandler: ${at} ("${d.name}"): give exactly one of "check" and "url"`);
    }
    if (d.check !== undefined && typeof d.check !== 'function') {
      throw new TypeError(`breakerProbeHandler: ${at}: "check" must be a function, got ${typeof d.check}`);
    }
    if (d.url !== undefined && !URL.canParse(String(d.url))) {
      throw new TypeError(
        `breakerProbeHandler: ${at}: "url" is not a URL, got ${describeValue(typeof d.url === 'string' ? redactText(d.url) : d.url)}`,
      );
    }
    const timeoutMs = d.timeoutMs ?? m.timeoutMs;
    if (typeof timeoutMs !== 'number' || !(timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)) {
      throw new TypeError(
        `breakerProbeHandler: ${at}: "timeoutMs" must be > 0 and <= ${MAX_TIMER_MS}, got ${describeValue(timeoutMs)}`,
      );
    }
    return {
      name: d.name,
      parameterName,
      check: d.check ?? urlCheck(d.url!, fetchImpl),
      timeoutMs,
    };
  });
  return {
    targets,
    failureThreshold: m.failureThreshold,
    successThreshold: m.successThreshold,
    checksPerInvocation: m.checksPerInvocation,
    checkIntervalMs: m.checkIntervalMs,
    retryAfterMs: m.retryAfterSeconds * 1000,
    probeId: options.probeId ?? process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'bulwark-probe',
    logger: options.logger ?? consoleLogger,
  };
}
