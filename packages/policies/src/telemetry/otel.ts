// OpenTelemetry through `@opentelemetry/api` only, an optional peer, required on the first call made
// after the application registered a tracer or meter provider (ADOT, NodeSDK): a process that never
// registers one never loads it (~20 ms cold), and a process without it installed is never traced. The per-call check is one read of the API's global slot, so a
// process with the API installed and no SDK pays a few nanoseconds. Nothing secret reaches an attribute:
// names, numbers, classifications, the method and the host, never a URL, header, body or error message.

import { AsyncLocalStorage } from 'node:async_hooks';
// Renamed: bundles built with a createRequire banner (esbuild) declare that name at the top already.
import { createRequire as requireFor } from 'node:module';
import { currentLogContext, redactText } from '@bulwark/errors';
import type * as OtelApi from '@opentelemetry/api';
import { type CallOutcome, type CallRecord, rejectedOutcome, resolvedOutcome } from './callObserver.js';
import { ensureGauges } from './otelGauges.js';

type Api = typeof OtelApi;

/** The slot @opentelemetry/api 1.x registers its globals under (tracer and meter providers included). */
const GLOBAL = Symbol.for('opentelemetry.js.api.1');
const SCOPE = '@bulwark/policies';

let api: Api | null | undefined;

/** False while `OTEL_SDK_DISABLED=true` (the OpenTelemetry switch): a dependency wrapped then is never traced. */
export function otelEnabled(): boolean {
  return process.env.OTEL_SDK_DISABLED !== 'true';
}

/** The API when installed (required once, on first use), else null. */
export function loadOtelApi(): Api | null {
  // Stryker disable next-line ConditionalExpression: requiring again returns the same module from the require cache
  if (api === undefined) {
    try {
      api = requireFor(import.meta.url)('@opentelemetry/api') as Api;
    } catch {
      api = null;
    }
  }
  return api;
}

/** True when an SDK registered a tracer or meter provider: only then is anything recorded. */
export function otelActive(): boolean {
  const slot = (globalThis as Record<symbol, { trace?: unknown; metrics?: unknown } | undefined>)[GLOBAL];
  // Stryker disable next-line ConditionalExpression: a slot with only diag or propagation registered traces into the API's no-op providers: nothing recorded
  return slot !== undefined && (slot.trace !== undefined || slot.metrics !== undefined);
}

/** The running call's span, so attempts, events and the fetch adapter can reach it. */
interface CallScope {
  readonly span: OtelApi.Span;
  readonly context: OtelApi.Context;
  /** Set when the rate limiter or adaptive throttling refused the call: its `refusal` event's attributes. */
  refusal?: OtelApi.Attributes;
}
const calls = new AsyncLocalStorage<CallScope>();
let traced = false;

/** Adds `http.request.method` and `server.address` to the running call's span (the host only, never the URL). */
export function annotateHttp(method: string, input: string | URL | Request): void {
  // Stryker disable next-line ConditionalExpression: before any traced call there is no call scope either, so the check below returns
  if (!traced) return;
  const scope = calls.getStore();
  if (scope === undefined) return;
  let host: string | undefined;
  try {
    host = new URL(input instanceof Request ? input.url : String(input)).hostname;
  } catch {
    // Not a URL: the span gets the method only.
  }
  scope.span.setAttribute('http.request.method', method);
  // Stryker disable next-line ConditionalExpression: the SDK drops an attribute whose value is undefined
  if (host) scope.span.setAttribute('server.address', host);
}

/**
 * Marks the running call as refused by the rate limiter or adaptive throttling: its one `refusal` event
 * carries these attributes instead of `error.type`.
 */
export function refusedBy(attributes: OtelApi.Attributes): void {
  // Stryker disable next-line ConditionalExpression: before any traced call there is no call scope either, so nothing is marked
  if (!traced) return;
  const scope = calls.getStore();
  // Stryker disable next-line ConditionalExpression: the limiters refuse inside the call, where a traced call always has its scope
  if (scope !== undefined) scope.refusal = attributes;
}

/** The span event of a dependency event, on the running call's span (none outside a call). */
export function callEvent(name: string, attributes: OtelApi.Attributes): void {
  // Stryker disable next-line ConditionalExpression: before any traced call there is no call scope either, and ?. below skips it
  if (!traced) return;
  calls.getStore()?.span.addEvent(name, attributes);
}

/**
 * The running call's trace context for a log line (`trace_id`, `span_id`), so a line joins its span;
 * undefined outside a traced call.
 */
export function traceKeys(): { trace_id: string; span_id: string } | undefined {
  // Stryker disable next-line ConditionalExpression: before any traced call there is no call scope either, so the check below returns
  if (!traced) return undefined;
  const scope = calls.getStore();
  if (scope === undefined) return undefined;
  const { traceId, spanId } = scope.span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * A call span's first attributes: the dependency, and the running record's or request's correlation id
 * and SQS message id from the log context (the Lambda handlers fill it), so a span joins its log lines.
 */
function callAttributes(dependency: string): OtelApi.Attributes {
  const attributes: OtelApi.Attributes = { 'bulwark.dependency': dependency };
  const context = currentLogContext();
  const correlationId = context.correlation_id;
  // Stryker disable next-line ConditionalExpression: the SDK drops an attribute whose value is undefined
  if (correlationId !== undefined) attributes['bulwark.correlation_id'] = correlationId;
  const messageId = context.messageId;
  // Stryker disable next-line ConditionalExpression: the SDK drops an attribute whose value is undefined
  if (messageId !== undefined) attributes['messaging.message.id'] = messageId;
  return attributes;
}

/** `error.type`: the error's name and, when classified, its reason (never its message), redacted and bounded. */
function errorType(error: unknown): string {
  try {
    if (error instanceof Error) {
      const reason = (error as { reason?: unknown }).reason;
      const name = String(error.name);
      return redactText(typeof reason === 'string' ? `${name}:${reason}` : name, 120);
    }
  } catch {
    // A throwing getter on name or reason: the type is all we say.
  }
  return typeof error;
}

interface Instruments {
  callDuration: OtelApi.Histogram;
  attemptDuration: OtelApi.Histogram;
  attempts: OtelApi.Counter;
  retries: OtelApi.Counter;
  refusals: OtelApi.Counter;
}

/** Per dependency: wraps calls and attempts in spans and records the instruments. */
export class OtelRecorder {
  readonly #name: string;
  readonly #state: () => string;
  #meterProvider: unknown;
  #instruments: Instruments | undefined;

  constructor(name: string, state: () => string) {
    this.#name = name;
    this.#state = state;
  }

  /** The instruments of the registered meter provider (made again when the application swaps it). */
  instruments(otel: Api): Instruments {
    const provider = otel.metrics.getMeterProvider();
    // Stryker disable next-line ConditionalExpression: before the first instruments the provider is unset too, so the second check decides alone
    if (this.#instruments === undefined || provider !== this.#meterProvider) {
      this.#meterProvider = provider;
      ensureGauges(otel);
      const meter = provider.getMeter(SCOPE);
      this.#instruments = {
        callDuration: meter.createHistogram('bulwark.call.duration', {
          unit: 'ms',
          description: 'Duration of a dependency call, retries and waits included',
        }),
        attemptDuration: meter.createHistogram('bulwark.attempt.duration', {
          unit: 'ms',
          description: 'Duration of one attempt',
        }),
        attempts: meter.createCounter('bulwark.attempts', { description: 'Attempts sent to the dependency' }),
        retries: meter.createCounter('bulwark.retries', { description: 'Attempts followed by a retry' }),
        refusals: meter.createCounter('bulwark.refusals', {
          description: 'Calls refused without an attempt (open circuit, rate limit, cooldown)',
        }),
      };
    }
    return this.#instruments;
  }

  /** Runs a call inside its span; the span ends, and the call duration is recorded, when it settles. */
  call<T>(run: () => Promise<T>, record: CallRecord): Promise<T> {
    const otel = loadOtelApi();
    if (otel === null) return run();
    const parent = otel.context.active();
    const span = otel.trace
      .getTracer(SCOPE)
      .startSpan(this.#name, { kind: otel.SpanKind.CLIENT, attributes: callAttributes(this.#name) }, parent);
    const scope: CallScope = { span, context: otel.trace.setSpan(parent, span) };
    traced = true;
    const startedAt = performance.now();
    const end = (outcome: CallOutcome, error?: unknown): void => {
      const attributes: OtelApi.Attributes = {
        'bulwark.dependency': this.#name,
        'bulwark.outcome': outcome,
      };
      if (outcome !== 'success') attributes['error.type'] = errorType(error);
      span.setAttributes({ ...attributes, 'bulwark.breaker.state': this.#state() });
      // A fallback's answer hides a failed dependency: the client span says so.
      if (outcome !== 'success') span.setStatus({ code: otel.SpanStatusCode.ERROR });
      // One refusal event: the limiter's own attributes when it refused (a fallback may have answered).
      const refusal =
        outcome === 'refused' ? (scope.refusal ?? { 'error.type': errorType(error) }) : scope.refusal;
      if (refusal !== undefined) span.addEvent('refusal', refusal);
      if (outcome === 'refused') this.instruments(otel).refusals.add(1, { 'bulwark.dependency': this.#name });
      this.instruments(otel).callDuration.record(performance.now() - startedAt, attributes);
      span.end();
    };
    return calls
      .run(scope, () => otel.context.with(scope.context, run))
      .then(
        (value) => {
          const outcome = resolvedOutcome(record);
          // Stryker disable next-line ConditionalExpression: a resolved call is success or fallback, and success never reads the error
          end(outcome, outcome === 'fallback' ? record.replaced : undefined);
          return value;
        },
        (error: unknown) => {
          end(rejectedOutcome(error), error);
          throw error;
        },
      );
  }

  /** Runs attempt `attempt` inside a child span of the call's span (untraced outside a traced call). */
  attempt<T>(attempt: number, run: () => Promise<T>): Promise<T> {
    const scope = calls.getStore();
    const otel = loadOtelApi();
    if (scope === undefined || otel === null) return run();
    const span = otel.trace.getTracer(SCOPE).startSpan(
      `${this.#name} attempt`,
      {
        kind: otel.SpanKind.CLIENT,
        attributes: { 'bulwark.dependency': this.#name, 'bulwark.attempt': attempt },
      },
      scope.context,
    );
    const startedAt = performance.now();
    const end = (error?: unknown): void => {
      const attributes: OtelApi.Attributes = { 'bulwark.dependency': this.#name };
      if (error !== undefined) {
        attributes['error.type'] = errorType(error);
        span.setStatus({ code: otel.SpanStatusCode.ERROR });
      }
      span.setAttributes({ ...attributes, 'bulwark.breaker.state': this.#state() });
      const instruments = this.instruments(otel);
      instruments.attempts.add(1, attributes);
      instruments.attemptDuration.record(performance.now() - startedAt, attributes);
      span.end();
    };
    // A context manager that throws synchronously rejects the attempt, and its span still ends.
    const running = new Promise<T>((resolve) =>
      resolve(otel.context.with(otel.trace.setSpan(scope.context, span), run)),
    );
    return running.then(
      (value) => {
        end();
        return value;
      },
      (error: unknown) => {
        end(error);
        throw error;
      },
    );
  }
}
