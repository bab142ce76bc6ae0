// An SDK registered (an ADOT layer, say) while @opentelemetry/api cannot be loaded from where
// @bulwark/policies is installed: calls run untraced, and no event listener fails. Node's module
// resolve hook stands in for the missing install. The package loads the API on the first call after
// an SDK registered, so this file's copy of it (one per test file) has not loaded it yet; nothing here
// re-imports the package inside a test (that would tie every module-level line to this test).

import { registerHooks } from 'node:module';
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

/** Makes `@opentelemetry/api` unresolvable until the returned function is called. */
function hideOtelApi(): () => void {
  const hooks = registerHooks({
    resolve(specifier, context, nextResolve) {
      if (specifier === '@opentelemetry/api') {
        throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
      }
      return nextResolve(specifier, context);
    },
  });
  return () => hooks.deregister();
}

afterEach(() => {
  trace.disable();
});

describe('OpenTelemetry registered, API not loadable', () => {
  it('a call that retries runs untraced, and its listeners do not fail', async () => {
    // Prepare
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }),
    );
    const show = hideOtelApi();
    try {
      const warnings: [string, unknown][] = [];
      const edna = wrapDependency('otel-missing', {
        logger: { info: () => undefined, warn: (message, extra) => warnings.push([message, extra]) },
        retry: { maxAttempts: 2, backoff: { initialDelayMs: 1, maxDelayMs: 1, jitter: 'none' } },
      });
      let calls = 0;
      // Act
      const answer = await edna.execute(async () => {
        if (++calls === 1) throw new TransientError('edna answered 503', { status: 503 });
        return 'ok';
      });
      // Assess
      expect(answer).toBe('ok');
      expect(edna.stats().retries).toBe(1);
      expect(warnings.filter(([message]) => message === 'dependency event listener failed')).toEqual([]);
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      show();
    }
  });
});
