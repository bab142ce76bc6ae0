// A bad configuration stops the example service before it opens any port: exit 1, every problem listed,
// no secret in the output.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startExample } from './support/exampleProcess.js';

let held: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => held?.close(resolve) ?? resolve(undefined));
  held = undefined;
});

describe('configuration checked at startup (examples/service-orders, a real process)', () => {
  it('exits 1 listing every problem, without echoing a value, before opening a port', async () => {
    // Prepare: hold the port the service is told to use; a service that tried to listen would die of
    // EADDRINUSE instead of the configuration error.
    held = createServer();
    await new Promise<void>((resolve) => held?.listen(0, '127.0.0.1', resolve));
    const address = held.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const token = 'short-secret';
    // Act
    const example = startExample({
      PORT: String(port),
      HOST: '127.0.0.1',
      PAYMENTS_URL: 'payments.internal',
      PAYMENTS_TOKEN: token,
      SHUTDOWN_GRACE_MS: 'soon',
    });
    const exit = await example.exited;
    // Assess
    expect(exit.code).toBe(1);
    const output = [...example.stdout, ...example.stderr].join('\n');
    expect(output).not.toMatch(/EADDRINUSE|listening/);
    expect(output).not.toContain(token);
    expect(output).not.toContain('payments.internal');
    const line = example.stderr.find((l) => l.includes('configuration refused'));
    expect(line).toBeDefined();
    const { problems, message } = JSON.parse(line ?? '{}') as {
      message: string;
      problems: { path: string }[];
    };
    expect(message).toMatch(/^configuration refused \(4 problems\)/);
    expect(problems.map((p) => p.path).sort()).toEqual([
      'PAYMENTS_TOKEN',
      'PAYMENTS_URL',
      'RECOMMENDATIONS_URL',
      'SHUTDOWN_GRACE_MS',
    ]);
  }, 30_000);
});
