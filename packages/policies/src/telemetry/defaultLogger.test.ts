// The logger a dependency gets when given none: a Powertools Logger imported on the first line (lines
// logged before the import finishes wait, at most 1,000 of them), or JSON console lines when Powertools
// is not installed. Each test loads a fresh copy of the module, since the logger and its queue are
// per process.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type Line = Record<string, unknown>;

/** A fresh copy of the module: no logger yet, an empty queue. */
async function freshDefaultLogger() {
  vi.resetModules();
  const { defaultLogger } = await import('./defaultLogger.js');
  return defaultLogger;
}

/** The JSON lines written to stdout and stderr (where Powertools' Console writes INFO and WARN). */
function captureOutput(): Line[] {
  const lines: Line[] = [];
  const capture = (chunk: unknown): boolean => {
    for (const text of String(chunk).split('\n')) {
      if (text.startsWith('{')) lines.push(JSON.parse(text) as Line);
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture as typeof process.stdout.write);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture as typeof process.stderr.write);
  return lines;
}

beforeEach(() => {
  vi.stubEnv('POWERTOOLS_SERVICE_NAME', undefined);
  vi.stubEnv('POWERTOOLS_DEV', undefined);
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', undefined);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.doUnmock('@aws-lambda-powertools/logger');
});

describe('defaultLogger with Powertools installed', () => {
  it('writes the lines logged before the import, in order, with level, service and fields', async () => {
    // Prepare
    const lines = captureOutput();
    const logger = await freshDefaultLogger();
    // Act
    logger.info('dependency call retried', { dependency: 'edna', attempt: 1 });
    logger.warn('dependency circuit opened', { dependency: 'edna' });
    await vi.waitFor(() => expect(lines).toHaveLength(2));
    // Assess
    expect(lines).toMatchObject([
      {
        level: 'INFO',
        message: 'dependency call retried',
        service: 'bulwark',
        dependency: 'edna',
        attempt: 1,
      },
      { level: 'WARN', message: 'dependency circuit opened', service: 'bulwark', dependency: 'edna' },
    ]);
  });

  it('a line logged once Powertools is loaded is written at once', async () => {
    // Prepare
    const lines = captureOutput();
    const logger = await freshDefaultLogger();
    logger.info('first');
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    // Act
    logger.warn('second', { dependency: 'edna' });
    // Assess
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ level: 'WARN', message: 'second', dependency: 'edna' });
  });

  it('POWERTOOLS_SERVICE_NAME names the service', async () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'orders');
    const lines = captureOutput();
    const logger = await freshDefaultLogger();
    // Act
    logger.info('dependency call retried');
    await vi.waitFor(() => expect(lines).toHaveLength(1));
    // Assess
    expect(lines[0]).toMatchObject({ service: 'orders', message: 'dependency call retried' });
  });

  it('keeps at most 1,000 lines while the import is under way, the first ones', async () => {
    // Prepare
    const lines = captureOutput();
    const logger = await freshDefaultLogger();
    // Act
    for (let i = 0; i < 1_001; i++) logger.info(`line ${i}`);
    await vi.waitFor(() => expect(lines.length).toBeGreaterThan(0));
    // Assess: the queue is written in one go.
    expect(lines).toHaveLength(1_000);
    expect(lines[0]).toMatchObject({ message: 'line 0' });
    expect(lines[999]).toMatchObject({ message: 'line 999' });
  });
});

describe('defaultLogger without Powertools', () => {
  it('writes JSON lines to the console, queued ones first', async () => {
    // Prepare
    vi.doMock('@aws-lambda-powertools/logger', () => {
      throw new Error("Cannot find package '@aws-lambda-powertools/logger'");
    });
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = await freshDefaultLogger();
    // Act
    logger.info('dependency call retried', { dependency: 'edna', attempt: 1 });
    logger.warn('dependency circuit opened', { dependency: 'edna' });
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    logger.info('dependency circuit closed');
    // Assess
    expect(info.mock.calls).toEqual([
      ['{"level":"INFO","message":"dependency call retried","dependency":"edna","attempt":1}'],
      ['{"level":"INFO","message":"dependency circuit closed"}'],
    ]);
    expect(warn.mock.calls).toEqual([
      ['{"level":"WARN","message":"dependency circuit opened","dependency":"edna"}'],
    ]);
  });
});
