// Item 5: a listener can never crash the process or change a call's outcome. A listener that returns a
// rejected promise (an async pager hook) is caught and reported once through the dependency's logger.
import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';
import { runModule } from './childProcess.js';

const failing = () => {
  throw new TransientError('edna answered 503', { dependency: 'edna', status: 503 });
};

function recordingLogger() {
  const lines: { level: string; message: string; extra: unknown }[] = [];
  return {
    lines,
    logger: {
      info: (message: string, extra?: unknown) => lines.push({ level: 'info', message, extra }),
      warn: (message: string, extra?: unknown) => lines.push({ level: 'warn', message, extra }),
    },
  };
}

describe('listeners', () => {
  it('an async onBreak listener that rejects does not crash the process', async () => {
    const result = await runModule(`
      import { wrapDependency } from '@bulwark/policies';
      const dep = wrapDependency('edna', { retry: false, breaker: { threshold: 1 }, logger: false });
      dep.onBreak(async () => { throw new Error('pager 500'); });
      await dep.execute(() => { throw Object.assign(new Error('down'), { code: 'ECONNRESET' }); }).catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
      console.log('alive');
    `);
    expect(result.stderr).not.toContain('pager 500');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('alive');
  }, 30_000);

  it('a rejected listener promise is reported once through the logger and leaves the outcome alone', async () => {
    // Prepare
    const { lines, logger } = recordingLogger();
    const dep = wrapDependency('edna', { retry: false, breaker: { threshold: 1 }, logger });
    dep.onBreak(async () => {
      throw new Error('pager 500 at https://pager.example/hook?token=SECRET-PAGER');
    });

    // Act
    const error = await dep.execute(failing).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Assess
    expect((error as Error).message).toBe('edna answered 503');
    const reports = lines.filter((line) => line.message.includes('listener'));
    expect(reports).toHaveLength(1);
    expect(JSON.stringify(reports)).toContain('onBreak');
    expect(JSON.stringify(lines)).not.toContain('SECRET-PAGER');
  });

  it('a listener that throws synchronously is reported too, and the call still fails as it did', async () => {
    const { lines, logger } = recordingLogger();
    const dep = wrapDependency('edna', {
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
      logger,
    });
    dep.onRetry(() => {
      throw new Error('listener bug');
    });

    const error = await dep.execute(failing).catch((e: unknown) => e);

    expect((error as Error).message).toBe('edna answered 503');
    expect(lines.filter((line) => line.message.includes('listener'))).toHaveLength(1);
  });

  it('a listener returning a thenable whose then throws is contained', async () => {
    const { logger } = recordingLogger();
    const dep = wrapDependency('edna', { retry: false, breaker: { threshold: 1 }, logger });
    dep.onBreak(
      () =>
        ({
          // biome-ignore lint/suspicious/noThenProperty: the hostile thenable is the point
          then() {
            throw new Error('hostile thenable');
          },
        }) as never,
    );

    await expect(dep.execute(failing)).rejects.toThrow('edna answered 503');
  });

  it('a logger that throws while reporting a listener failure changes nothing', async () => {
    const logger = {
      info: () => {
        throw new Error('logger down');
      },
      warn: () => {
        throw new Error('logger down');
      },
    };
    const dep = wrapDependency('edna', { retry: false, breaker: { threshold: 1 }, logger });
    dep.onBreak(async () => {
      throw new Error('pager 500');
    });

    await expect(dep.execute(failing)).rejects.toThrow('edna answered 503');
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
});
