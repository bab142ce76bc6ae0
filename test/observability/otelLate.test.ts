// An SDK registered while a call is under way (an instrumentation that initialises late): the call
// started untraced, so its later attempts run untraced too, and the call still succeeds.

import { TransientError } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { trace } from '@opentelemetry/api';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';

const exporter = new InMemorySpanExporter();

afterEach(() => {
  trace.disable();
});

describe('OpenTelemetry registered during a call', () => {
  it('the retry after the registration runs untraced, and the call succeeds', async () => {
    // Prepare
    const edna = wrapDependency('otel-late', {
      logger: false,
      retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
    });
    let calls = 0;
    // Act
    const answer = await edna.execute(async () => {
      if (++calls === 1) {
        trace.setGlobalTracerProvider(
          new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
        );
        throw new TransientError('edna answered 503', { status: 503 });
      }
      return 'ok';
    });
    // Assess
    expect(answer).toBe('ok');
    expect(calls).toBe(2);
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual([]);
  });
});
