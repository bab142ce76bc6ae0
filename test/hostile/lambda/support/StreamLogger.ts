// A real Powertools Logger whose console writes into a captured stream instead of stdout: the lines are the
// exact text CloudWatch would get (JSON.stringify with Powertools' own replacer), children included.

import { Console } from 'node:console';
import { Writable } from 'node:stream';
import { Logger } from '@aws-lambda-powertools/logger';

type LoggerOptions = ConstructorParameters<typeof Logger>[0];

export class StreamLogger extends Logger {
  readonly chunks: string[];

  constructor(options: LoggerOptions = {}, chunks: string[] = []) {
    super({ serviceName: 'hostile', ...options });
    this.chunks = chunks;
    const sink = new Writable({
      write(chunk: Buffer | string, _encoding, callback) {
        chunks.push(String(chunk));
        callback();
      },
    });
    // Powertools writes through `this.console` (a node Console on stdout/stderr); point it at the sink.
    (this as unknown as { console: Console }).console = new Console({ stdout: sink, stderr: sink });
  }

  protected override createLogger(options?: LoggerOptions): Logger {
    return new StreamLogger(options, this.chunks);
  }

  /** Everything written so far. */
  get text(): string {
    return this.chunks.join('');
  }

  /** The parsed lines. */
  lines(): Record<string, unknown>[] {
    return this.text
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}
