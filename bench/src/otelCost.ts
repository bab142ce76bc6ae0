// What OpenTelemetry costs a successful call, in one process, interleaved: a dependency made under
// OTEL_SDK_DISABLED=true (as if @opentelemetry/api were absent), one with the API loaded and no SDK
// registered (goal: <= 50 ns more), and one with a real SDK registered (spans kept in memory, a metric
// reader), reported as measured.

import { wrapDependency } from '@bulwark/policies';
import { metrics, trace } from '@opentelemetry/api';
import { MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type BenchSize, nsPerCall } from '../harness.js';

class QuietReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

const bare = async (): Promise<number> => 1;

/**
 * Ended spans kept in memory, the last 1,000: SimpleSpanProcessor + InMemorySpanExporter keep ~2 KB per span
 * even after reset() (sdk-trace-base 2.12.1, measured here), which ran the full bench out of heap.
 */
class InMemoryProcessor implements SpanProcessor {
  spans: ReadableSpan[] = [];
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    if (this.spans.length === 1_000) this.spans = [];
    this.spans.push(span);
  }
  async forceFlush(): Promise<void> {}
  async shutdown(): Promise<void> {}
}

export interface OtelCosts {
  bare: number;
  withoutApi: number;
  apiNoSdk: number;
  withSdk: number;
}

export async function otelCosts(size: BenchSize): Promise<OtelCosts> {
  const iterations = size === 'full' ? 200_000 : 20_000;
  const rounds = size === 'full' ? 7 : 3;
  process.env.OTEL_SDK_DISABLED = 'true';
  const without = wrapDependency('bench-no-otel', { logger: false });
  delete process.env.OTEL_SDK_DISABLED;
  const withApi = wrapDependency('bench-otel', { logger: false });
  const measure = (fn: () => Promise<unknown>) => nsPerCall(fn, iterations, rounds);
  const runs = { bare: [] as number[], withoutApi: [] as number[], apiNoSdk: [] as number[] };
  for (const fn of [bare, () => without.execute(bare), () => withApi.execute(bare)]) await measure(fn);
  for (let pass = 0; pass < 3; pass++) {
    runs.bare.push(await measure(bare));
    runs.withoutApi.push(await measure(() => without.execute(bare)));
    runs.apiNoSdk.push(await measure(() => withApi.execute(bare)));
  }
  // The SDK last: registering it is global.
  const processor = new InMemoryProcessor();
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [processor] }));
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new QuietReader()] }));
  const sdk: number[] = [];
  const traced = () => withApi.execute(bare);
  try {
    const sdkIterations = Math.floor(iterations / 4);
    await nsPerCall(traced, sdkIterations, 1);
    for (let pass = 0; pass < 3; pass++) sdk.push(await nsPerCall(traced, sdkIterations, rounds));
  } finally {
    trace.disable();
    metrics.disable();
    processor.spans = [];
  }
  return {
    bare: Math.min(...runs.bare),
    withoutApi: Math.min(...runs.withoutApi),
    apiNoSdk: Math.min(...runs.apiNoSdk),
    withSdk: Math.min(...sdk),
  };
}
