// Turns the caller's ServiceOptions into the checked shape the service runs on. A wrong option is a TypeError
// here, at construction, naming the field, the value and the fix: never a silent default.

import { constants } from 'node:os';
import { MAX_TIMER_MS, optionError, readOptions } from '@bulwark/errors';
import { jsonLineLogger, type ServiceLogger } from './ServiceLogger.js';
import { DEFAULT_SERVICE_OPTIONS as D, type MetricsSource, type ServiceOptions } from './ServiceOptions.js';

export interface NormalizedServiceOptions {
  readonly name: string;
  readonly health: {
    readonly livePath: string;
    readonly readyPath: string;
    readonly startupPath: string;
    readonly checkTimeoutMs: number;
    readonly details: boolean;
  };
  readonly shutdown: {
    readonly graceMs: number;
    readonly timeoutMs: number;
    readonly signals: readonly NodeJS.Signals[];
    readonly exit: (code: number) => void;
  };
  readonly metrics:
    | {
        readonly path: string;
        readonly processMetrics: boolean;
        readonly durationBuckets: readonly number[];
        readonly include: readonly MetricsSource[];
      }
    | undefined;
  readonly logger: ServiceLogger;
}

const OWNER = 'createService';

function duration(field: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_TIMER_MS) {
    throw optionError(OWNER, field, value, `an integer number of ms between 0 and ${MAX_TIMER_MS}`);
  }
  return value;
}

function flag(field: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw optionError(OWNER, field, value, 'true or false');
  return value;
}

function path(field: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !/^\/[A-Za-z0-9\-._~/]*$/.test(value) || value.length > 200) {
    throw optionError(
      OWNER,
      field,
      value,
      'a path starting with "/" (letters, digits, "-._~/", no query string)',
    );
  }
  return value;
}

const UNCATCHABLE = new Set(['SIGKILL', 'SIGSTOP']);

function signals(value: unknown): readonly NodeJS.Signals[] {
  if (value === undefined) return D.shutdown.signals;
  if (!Array.isArray(value)) throw optionError(OWNER, 'shutdown.signals', value, 'an array of signal names');
  for (const [index, name] of value.entries()) {
    if (typeof name !== 'string' || !(name in constants.signals) || UNCATCHABLE.has(name)) {
      throw optionError(
        OWNER,
        `shutdown.signals[${index}]`,
        name,
        'a catchable signal name such as "SIGTERM" or "SIGINT"',
      );
    }
  }
  return [...new Set(value as NodeJS.Signals[])];
}

function buckets(value: unknown): readonly number[] {
  if (value === undefined) return D.metrics.durationBuckets;
  const rule = 'a non-empty array of finite, strictly increasing numbers of seconds above 0';
  if (!Array.isArray(value) || value.length === 0 || value.length > 100) {
    throw optionError(OWNER, 'metrics.durationBuckets', value, rule);
  }
  let previous = 0;
  for (const [index, bound] of value.entries()) {
    if (typeof bound !== 'number' || !Number.isFinite(bound) || bound <= previous) {
      throw optionError(OWNER, `metrics.durationBuckets[${index}]`, bound, rule);
    }
    previous = bound;
  }
  return [...(value as number[])];
}

function sources(value: unknown): readonly MetricsSource[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw optionError(OWNER, 'metrics.include', value, 'an array of registries');
  for (const [index, source] of value.entries()) {
    if (typeof (source as MetricsSource | null)?.metrics !== 'function') {
      throw optionError(
        OWNER,
        `metrics.include[${index}]`,
        source,
        'an object with a metrics() method (a prom-client Registry)',
      );
    }
  }
  return [...(value as MetricsSource[])];
}

function logger(value: unknown, name: string): ServiceLogger {
  if (value === undefined) return jsonLineLogger(name);
  const candidate = value as Partial<ServiceLogger> | null;
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.info !== 'function' ||
    typeof candidate.warn !== 'function' ||
    typeof candidate.error !== 'function'
  ) {
    throw optionError(OWNER, 'logger', value, 'an object with info, warn and error methods');
  }
  // A logger that throws must not turn a shutdown into a crash without its exit line.
  const safe =
    (method: 'info' | 'warn' | 'error') =>
    (message: string, ...extra: unknown[]): void => {
      try {
        (candidate as ServiceLogger)[method](message, ...extra);
      } catch {
        process.stderr.write(`${JSON.stringify({ level: method.toUpperCase(), message })}\n`);
      }
    };
  return { info: safe('info'), warn: safe('warn'), error: safe('error') };
}

export function normalizeServiceOptions(options: ServiceOptions | undefined): NormalizedServiceOptions {
  const o = readOptions(OWNER, options, ['name', 'health', 'shutdown', 'metrics', 'logger']);
  const name = o.name === undefined ? D.name : o.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
    throw optionError(OWNER, 'name', name, 'a non-empty string of at most 100 characters');
  }

  const h = readOptions(
    OWNER,
    o.health,
    ['livePath', 'readyPath', 'startupPath', 'checkTimeoutMs', 'details'],
    'health',
  );
  const health = {
    livePath: path('health.livePath', h.livePath, D.health.livePath),
    readyPath: path('health.readyPath', h.readyPath, D.health.readyPath),
    startupPath: path('health.startupPath', h.startupPath, D.health.startupPath),
    checkTimeoutMs: duration('health.checkTimeoutMs', h.checkTimeoutMs, D.health.checkTimeoutMs),
    details: flag('health.details', h.details, D.health.details),
  };
  if (health.checkTimeoutMs === 0) {
    throw optionError(OWNER, 'health.checkTimeoutMs', 0, 'at least 1 ms');
  }

  const s = readOptions(OWNER, o.shutdown, ['graceMs', 'timeoutMs', 'signals', 'exit'], 'shutdown');
  const graceMs = duration('shutdown.graceMs', s.graceMs, D.shutdown.graceMs);
  const timeoutMs = duration('shutdown.timeoutMs', s.timeoutMs, D.shutdown.timeoutMs);
  if (timeoutMs <= graceMs) {
    throw optionError(
      OWNER,
      'shutdown.timeoutMs',
      timeoutMs,
      `more than shutdown.graceMs (${graceMs})`,
      'timeoutMs is the whole budget from the signal, grace period included',
    );
  }
  if (s.exit !== undefined && typeof s.exit !== 'function') {
    throw optionError(OWNER, 'shutdown.exit', s.exit, 'a function (code) => void');
  }
  const exit = (s.exit as ((code: number) => void) | undefined) ?? ((code: number) => process.exit(code));
  const shutdown = { graceMs, timeoutMs, signals: signals(s.signals), exit };

  let metrics: NormalizedServiceOptions['metrics'];
  if (o.metrics !== false) {
    const m = readOptions(
      OWNER,
      o.metrics,
      ['path', 'processMetrics', 'durationBuckets', 'include'],
      'metrics',
    );
    metrics = {
      path: path('metrics.path', m.path, D.metrics.path),
      processMetrics: flag('metrics.processMetrics', m.processMetrics, D.metrics.processMetrics),
      durationBuckets: buckets(m.durationBuckets),
      include: sources(m.include),
    };
  }

  const paths = [
    ['health.livePath', health.livePath],
    ['health.readyPath', health.readyPath],
    ['health.startupPath', health.startupPath],
    ...(metrics ? [['metrics.path', metrics.path]] : []),
  ] as const;
  for (const [index, [field, value]] of paths.entries()) {
    const clash = paths.findIndex(([, other]) => other === value);
    if (clash !== index) {
      throw optionError(OWNER, field, value, `a path different from ${paths[clash]?.[0]}`);
    }
  }

  return { name, health, shutdown, metrics, logger: logger(o.logger, name) };
}
