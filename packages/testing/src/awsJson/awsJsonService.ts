// The HTTP edge every JSON-protocol AWS emulator shares (SQS speaks awsJson1_0, EventBridge and SSM awsJson1_1): one msw
// handler that reads `x-amz-target`, counts calls, plays the fault knobs, and answers an operation or an
// SDK-shaped error. The services themselves only map a parsed input to an output or an AwsServiceError.

import { randomUUID } from 'node:crypto';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { abortableDelay, untilAborted } from '../faults/abortableDelay.js';
import { describe as describeValue } from '../faults/FaultStep.js';
import { trackScriptErrors } from '../msw/scriptErrors.js';
import { readDuration } from '../options/readNumberOption.js';

/** An error the emulated service answers: its name (`__type`), message and HTTP status. */
export class AwsServiceError extends Error {
  override name = 'AwsServiceError' as const;
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

/** How one service is reached and how it spells its errors. */
export interface AwsJsonServiceSpec<Op extends string> {
  /** The emulator's name in messages: `sqsEmulator`. */
  readonly owner: string;
  /** The endpoint host's first label: `sqs`, `events`. */
  readonly endpointPrefix: string;
  /** The region whose endpoint is answered; undefined answers every region. */
  readonly region: string | undefined;
  /** `x-amz-target` prefix without the dot: `AmazonSQS`, `AWSEvents`. */
  readonly targetPrefix: string;
  /** `application/x-amz-json-1.0` or `1.1`. */
  readonly contentType: string;
  /** Maps a parsed input to an output, or throws an AwsServiceError; `request.region` is the endpoint's. */
  readonly operations: Record<Op, AwsJsonOperation>;
  /** The body and extra headers of an error answer (SQS adds its query-compatible error header). */
  readonly renderError: (error: AwsServiceError) => {
    body: Record<string, unknown>;
    headers?: Record<string, string>;
  };
  /** The error a throttled call answers. */
  readonly throttling: () => AwsServiceError;
  /** The error a `failNext` call answers. @defaultValue InternalFailure */
  readonly internalError?: (status: number) => AwsServiceError;
  /** The error a denied operation answers. */
  readonly accessDenied: (operation: string) => AwsServiceError;
}

/** One emulated operation: a parsed input (and the region the request went to) to an output. */
export type AwsJsonOperation = (
  input: Record<string, unknown>,
  request: { readonly region: string },
) => unknown;

/**
 * The counters and fault knobs every JSON-protocol emulator (SQS, EventBridge, SSM) exposes.
 *
 * @example
 * ```ts
 * const sqs = sqsEmulator();
 * sqs.throttleNext(2);
 * sqs.failNext(1, 503);
 * sqs.calls.SendMessage; // 0
 * ```
 */
export interface AwsJsonFaultKnobs<Op extends string> {
  /** msw handlers to `server.use(...)`. */
  readonly handlers: readonly HttpHandler[];
  /** Requests per operation (faulted ones included); unsupported operations appear under their own name. */
  readonly calls: Readonly<Record<Op, number>> & Readonly<Record<string, number>>;
  /**
   * The next `n` calls answer the service's throttling error (HTTP 400), as a busy account does: SQS
   * `RequestThrottled`, EventBridge and SSM `ThrottlingException`.
   */
  throttleNext(n: number): void;
  /**
   * The next `n` calls answer the service's 5xx error with `status`: SQS and EventBridge `InternalFailure`,
   * SSM `InternalServerError`. @defaultValue status 500
   */
  failNext(n: number, status?: number): void;
  /** Every answer waits `ms` first (aborting the request ends the wait). 0 turns it off. */
  setLatency(ms: number): void;
  /** The next `n` calls never answer until the client aborts them. */
  hangNext(n: number): void;
  /** Requests still being answered (latency, hangs): 0 once every client has given up or been answered. */
  readonly pending: number;
  /** Calls the emulator could not answer (unsupported operations). {@link useMswServer} fails the test on them. */
  readonly errors: readonly string[];
}

/** The shared edge: the knobs, and denial of an operation (SQS and EventBridge expose it). */
export interface AwsJsonServiceKnobs<Op extends string> extends AwsJsonFaultKnobs<Op> {
  deny(operation: Op): void;
  /** Forgets counters, errors and pending faults (the service's own state is the caller's). */
  resetEdge(): void;
  /** `emulator` with the fault knobs added (`pending` stays live), for an emulator's public object. */
  withKnobs<E extends AwsJsonFaultKnobs<Op>>(emulator: Omit<E, keyof AwsJsonFaultKnobs<Op>>): E;
}

export function awsJsonService<Op extends string>(spec: AwsJsonServiceSpec<Op>): AwsJsonServiceKnobs<Op> {
  const names = Object.keys(spec.operations) as Op[];
  const calls: Record<string, number> = {};
  const denied = new Set<string>();
  let throttle = 0;
  let failures = { n: 0, status: 500 };
  let hangs = 0;
  let latencyMs = 0;
  let pending = 0;
  const scriptErrors = trackScriptErrors();
  const endpointRegion = new RegExp(`^https://${spec.endpointPrefix}\\.([a-z0-9-]+)\\.`);
  const internalError =
    spec.internalError ??
    ((status: number) =>
      new AwsServiceError('InternalFailure', 'An internal error occurred on the server side.', status));

  const resetCalls = (): void => {
    for (const key of Object.keys(calls)) delete calls[key];
    for (const op of names) calls[op] = 0;
  };
  resetCalls();

  const respond = (error: AwsServiceError): Response => {
    const { body, headers = {} } = spec.renderError(error);
    return HttpResponse.json(body, {
      status: error.status,
      headers: {
        'content-type': spec.contentType,
        'x-amzn-requestid': randomUUID(),
        'x-amzn-errortype': error.type,
        ...headers,
      },
    });
  };

  const answer = async (request: Request): Promise<Response> => {
    const target = request.headers.get('x-amz-target') ?? '';
    const prefix = `${spec.targetPrefix}.`;
    const operation = target.startsWith(prefix) ? target.slice(prefix.length) : target || '(no x-amz-target)';
    calls[operation] = (calls[operation] ?? 0) + 1;
    const region = endpointRegion.exec(request.url)?.[1] ?? spec.region ?? 'us-east-1';

    if (latencyMs > 0 && !(await abortableDelay(latencyMs, request.signal))) return HttpResponse.error();
    if (hangs > 0) {
      hangs--;
      await untilAborted(request.signal);
      return HttpResponse.error();
    }
    if (throttle > 0) {
      throttle--;
      return respond(spec.throttling());
    }
    if (failures.n > 0) {
      failures = { ...failures, n: failures.n - 1 };
      return respond(internalError(failures.status));
    }
    const run = Object.hasOwn(spec.operations, operation)
      ? (spec.operations as Record<string, AwsJsonOperation>)[operation]
      : undefined;
    if (run === undefined) {
      const message = `${spec.owner} does not emulate ${target || 'a request without x-amz-target'}; it answers ${names.map((op) => `${spec.targetPrefix}.${op}`).join(', ')}`;
      scriptErrors.report(message);
      return respond(new AwsServiceError('UnknownOperationException', message));
    }
    if (denied.has(operation)) return respond(spec.accessDenied(operation));
    let input: Record<string, unknown>;
    try {
      const text = await request.text();
      const parsed: unknown = text === '' ? {} : JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      input = parsed as Record<string, unknown>;
    } catch {
      return respond(new AwsServiceError('SerializationException', 'Request body is not a JSON object.'));
    }
    try {
      return HttpResponse.json(run(input, { region }) as Record<string, unknown>, {
        headers: { 'content-type': spec.contentType, 'x-amzn-requestid': randomUUID() },
      });
    } catch (error: unknown) {
      if (error instanceof AwsServiceError) return respond(error);
      throw error;
    }
  };

  const handler = http.post(
    spec.region === undefined
      ? new RegExp(`^https://${spec.endpointPrefix}\\.[a-z0-9-]+\\.amazonaws\\.com/?$`)
      : `https://${spec.endpointPrefix}.${spec.region}.amazonaws.com/`,
    async ({ request }) => {
      pending++;
      try {
        return await answer(request);
      } finally {
        pending--;
      }
    },
  );
  scriptErrors.attach(handler);

  const assertCount = (n: unknown, knob: string): void => {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      throw new TypeError(`${spec.owner}.${knob}: n must be an integer >= 0, got ${describeValue(n)}`);
    }
  };

  const edge: AwsJsonServiceKnobs<Op> = {
    handlers: [handler],
    calls: calls as AwsJsonServiceKnobs<Op>['calls'],
    throttleNext(n) {
      assertCount(n, 'throttleNext');
      throttle = n;
    },
    failNext(n, status = 500) {
      assertCount(n, 'failNext');
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 500 || status > 599) {
        throw new TypeError(
          `${spec.owner}.failNext: status must be an integer 500-599, got ${describeValue(status)}`,
        );
      }
      failures = { n, status };
    },
    setLatency(ms) {
      latencyMs = readDuration(`${spec.owner}.setLatency`, 'ms', ms);
    },
    hangNext(n) {
      assertCount(n, 'hangNext');
      hangs = n;
    },
    deny(operation) {
      if (!names.includes(operation)) {
        throw new TypeError(
          `${spec.owner}.deny: operation must be one of ${names.join(', ')}, got ${describeValue(operation)}`,
        );
      }
      denied.add(operation);
    },
    get pending() {
      return pending;
    },
    errors: scriptErrors.all,
    resetEdge() {
      (scriptErrors.all as string[]).length = 0;
      resetCalls();
      denied.clear();
      throttle = 0;
      hangs = 0;
      latencyMs = 0;
      failures = { n: 0, status: 500 };
    },
    withKnobs<E extends AwsJsonFaultKnobs<Op>>(emulator: Omit<E, keyof AwsJsonFaultKnobs<Op>>): E {
      const knobs: AwsJsonFaultKnobs<Op> = {
        handlers: edge.handlers,
        calls: edge.calls,
        throttleNext: edge.throttleNext,
        failNext: edge.failNext,
        setLatency: edge.setLatency,
        hangNext: edge.hangNext,
        get pending() {
          return pending;
        },
        errors: edge.errors,
      };
      // Descriptors, not a spread: a spread would read `pending` once.
      return Object.defineProperties(emulator, Object.getOwnPropertyDescriptors(knobs)) as unknown as E;
    },
  };
  return edge;
}
