// A real OpenTelemetry SDK for one test file: an in-memory span exporter and a metric reader collected on
// demand, registered globally for the file's tests and removed after them.
import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A metric reader the test collects itself (`await reader.collect()`). */
export class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * Registers a tracer provider (exporting to memory, plus `processors`) and a meter provider for the calling
 * file's tests; the exporter is emptied before each test.
 *
 * @example const { exporter, reader } = useOtelSdk();
 */
export function useOtelSdk(processors: readonly SpanProcessor[] = []): {
  exporter: InMemorySpanExporter;
  reader: TestReader;
} {
  const exporter = new InMemorySpanExporter();
  const reader = new TestReader();
  beforeAll(() => {
    trace.setGlobalTracerProvider(
      new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter), ...processors] }),
    );
    metrics.setGlobalMeterProvider(new MeterProvider({ readers: [reader] }));
  });
  afterAll(() => {
    trace.disable();
    metrics.disable();
  });
  beforeEach(() => exporter.reset());
  return { exporter, reader };
}
