// Shared fixtures for the shared-state suites: a real SSM client aimed at the emulator, documents, a logger
// that records what it was told.
import { SSMClient } from '@aws-sdk/client-ssm';
import type { BreakerStateDocument, FleetBreakerState, SharedStateLogger } from '@bulwark/policies';
import { LOCAL_CREDENTIALS } from '@bulwark/testing';

export const REGION = 'us-east-1';
export const PREFIX = '/bulwark/breakers/';

/** A real SSM client; msw answers it at https://ssm.us-east-1.amazonaws.com. */
export function ssmClient(options: { maxAttempts?: number } = {}): SSMClient {
  return new SSMClient({
    region: REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

export function breakerDoc(
  dependency: string,
  state: FleetBreakerState,
  extra: Partial<BreakerStateDocument> = {},
): string {
  const now = new Date().toISOString();
  const document: BreakerStateDocument = {
    version: 1,
    dependency,
    state,
    since: now,
    ...(state === 'open' ? { retryAt: new Date(Date.now() + 60_000).toISOString() } : {}),
    reason: `test: ${state}`,
    writtenBy: { kind: state.startsWith('forced') ? 'operator' : 'probe', id: 'test' },
    updatedAt: now,
    ...extra,
  };
  return JSON.stringify(document);
}

export interface RecordingLogger extends SharedStateLogger {
  readonly lines: { level: 'warn' | 'info'; message: string; attributes: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    warn: (message, attributes) => void lines.push({ level: 'warn', message, attributes }),
    info: (message, attributes) => void lines.push({ level: 'info', message, attributes }),
  };
}

/**
 * Polls `assertion` on real timers until it passes (or 2 s pass). Unlike vi.waitFor, it never advances
 * vitest's fake clock, so tests that fake Date keep exact control of time.
 */
export async function eventually(assertion: () => void, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error: unknown) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
}

/** A real HTTP dependency on 127.0.0.1 whose health the test switches; it counts what reaches it. */
export interface LocalDependency {
  readonly url: string;
  /** Requests that reached it, by path. */
  readonly hits: Map<string, number>;
  total(path?: string): number;
  setUp(up: boolean): void;
  close(): Promise<void>;
}

export async function startLocalDependency(): Promise<LocalDependency> {
  const { createServer } = await import('node:http');
  const hits = new Map<string, number>();
  let up = true;
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.writeHead(up ? 200 : 503, { 'content-type': 'text/plain' }).end(up ? 'ok' : 'down');
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    total: (path) =>
      path === undefined ? [...hits.values()].reduce((a, b) => a + b, 0) : (hits.get(path) ?? 0),
    setUp: (value) => {
      up = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
