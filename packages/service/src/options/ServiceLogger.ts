// The log sink: Powertools Logger, pino and console all fit this shape.

/**
 * Where the service writes its lifecycle lines (startup, shutdown, forced exit). Powertools `Logger` and pino
 * fit structurally.
 *
 * @example
 * ```ts
 * import { Logger } from '@aws-lambda-powertools/logger';
 * import { createService, type ServiceLogger } from '@bulwark/service';
 * const logger: ServiceLogger = new Logger({ serviceName: 'orders' });
 * const service = createService({ logger });
 * ```
 */
export interface ServiceLogger {
  info(message: string, ...extra: unknown[]): void;
  warn(message: string, ...extra: unknown[]): void;
  error(message: string, ...extra: unknown[]): void;
}

/** One JSON line per entry on stdout (info) or stderr (warn, error). */
export function jsonLineLogger(service: string): ServiceLogger {
  const line = (level: string, message: string, extra: unknown) =>
    JSON.stringify({
      level,
      message,
      service,
      timestamp: new Date().toISOString(),
      ...(typeof extra === 'object' && extra !== null ? extra : {}),
    });
  return {
    info: (message, extra) => process.stdout.write(`${line('INFO', message, extra)}\n`),
    warn: (message, extra) => process.stderr.write(`${line('WARN', message, extra)}\n`),
    error: (message, extra) => process.stderr.write(`${line('ERROR', message, extra)}\n`),
  };
}
