// The events' default log lines give an error only through serializeError: no query strings, tokens or
// control characters from a dependency's error reach a log line (issue 11 item 1, here for policies).
import { wrapDependency } from '@bulwark/policies';
import { describe, expect, it } from 'vitest';

/**
 * Every string inside a log line (keys and values), so a raw control character cannot hide. The stack is
 * left out: it is multi-line by nature (serializeError keeps its newlines; JSON logging escapes them).
 */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value)
    .filter(([key]) => key !== 'stack')
    .flatMap(([key, inner]) => [key, ...strings(inner)]);
}

describe('wireTelemetry log lines', () => {
  it('log a thrown error serialized: redacted, no control characters, no raw fields', async () => {
    // Prepare
    const lines: unknown[] = [];
    const logger = {
      info: (message: string, extra?: unknown) => lines.push({ message, extra }),
      warn: (message: string, extra?: unknown) => lines.push({ message, extra }),
    };
    const dep = wrapDependency('edna', {
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
      breaker: { threshold: 1 },
      logger,
    });
    const error = Object.assign(new Error('GET https://edna.internal/orders?token=SECRET-QUERY failed'), {
      name: 'Boom\n{"level":"ERROR","message":"forged"}',
      code: 'ECONNRESET',
      config: { headers: { Authorization: 'Bearer SECRET-HEADER-VALUE' } },
    });

    // Act
    await dep
      .execute(() => {
        throw error;
      })
      .catch(() => undefined);

    // Assess
    const text = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(text).not.toContain('SECRET');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
    expect(strings(lines).filter((line) => /[\n\r\u001b]/.test(line))).toEqual([]);
    const gaveUp = lines.find((line) => (line as { message: string }).message.includes('gave up')) as {
      extra: { error?: { name?: string; message?: string; code?: string } };
    };
    expect(gaveUp.extra.error?.code).toBe('ECONNRESET');
    expect(gaveUp.extra.error?.message).toContain('https://edna.internal/orders');
  });
});
