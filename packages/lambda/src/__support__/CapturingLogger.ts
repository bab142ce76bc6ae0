// A real Powertools Logger whose lines (and its children's) land in an array instead of stdout, so tests
// assert on the structured output a user would see in CloudWatch.

import { Logger, type LogItem } from '@aws-lambda-powertools/logger';

type LoggerOptions = ConstructorParameters<typeof Logger>[0];

export class CapturingLogger extends Logger {
  readonly lines: Record<string, unknown>[];

  constructor(options: LoggerOptions = {}, lines: Record<string, unknown>[] = []) {
    super({ serviceName: 'bulwark-test', ...options });
    this.lines = lines;
  }

  protected override printLog(_level: number, log: LogItem): void {
    log.prepareForPrint();
    this.lines.push(
      JSON.parse(JSON.stringify(log.getAttributes(), this.getJsonReplacer())) as Record<string, unknown>,
    );
  }

  protected override createLogger(options?: LoggerOptions): Logger {
    return new CapturingLogger(options, this.lines);
  }

  /** Lines whose message is `message`. */
  find(message: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.message === message);
  }
}
