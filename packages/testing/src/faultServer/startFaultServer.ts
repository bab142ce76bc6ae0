// A real HTTP server on 127.0.0.1 for the faults msw cannot show, because they live below HTTP:
// a TCP reset, a connection that is accepted and never answered, a port that stops listening.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { describeValue, readOptions } from '@bulwark/errors';
import { readDuration } from '../options/readNumberOption.js';

/**
 * What the fault server does with one request.
 * - `'reset'`: TCP RST before any byte of the response (`ECONNRESET` in the client).
 * - `'reset-mid-body'`: status and headers, part of the body, then a TCP RST.
 * - `'hang'`: accept and read the request, never answer.
 * - `'stall-after-headers'`: status 200 and headers, the first bytes of the body, then nothing (the
 *   socket stays open): the case a timeout that stops at "headers received" misses.
 * - `{ slowHeadersMs, ... }`: wait, then answer (status 200 unless given).
 * - `{ status, headers?, body? }`: a normal answer.
 * - `'refuse'`: drop this connection and stop listening, so every later connect gets `ECONNREFUSED`.
 *
 * @example
 * ```ts
 * const script: FaultServerStep[] = [{ status: 503 }, 'reset', { slowHeadersMs: 200 }, 'refuse'];
 * ```
 */
export type FaultServerStep =
  | 'reset'
  | 'reset-mid-body'
  | 'hang'
  | 'stall-after-headers'
  | 'refuse'
  | FaultServerResponse
  | (Partial<FaultServerResponse> & { readonly slowHeadersMs: number });

/**
 * A normal answer from the fault server.
 *
 * @example
 * ```ts
 * const ok: FaultServerResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' };
 * ```
 */
export interface FaultServerResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string or bytes; objects are sent as JSON. */
  readonly body?: unknown;
}

/**
 * The script: one step per request in arrival order, or a function of the 0-based hit number.
 *
 * @example
 * ```ts
 * const everyThirdResets: FaultServerScript = (hit) => (hit % 3 === 2 ? 'reset' : { status: 200 });
 * ```
 */
export type FaultServerScript =
  | readonly FaultServerStep[]
  | ((hit: number, request: IncomingMessage) => FaultServerStep);

/**
 * A running fault server.
 *
 * @example
 * ```ts
 * const server = await startFaultServer([{ status: 200 }]);
 * await fetch(server.url);
 * server.hits; // 1
 * await server.close();
 * ```
 */
export interface FaultServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly url: string;
  readonly port: number;
  /** Requests received so far. */
  readonly hits: number;
  /** `METHOD path` of each request, in order. */
  readonly requests: readonly string[];
  /** Sockets open right now (0 after every client went away: the leak check). */
  readonly connections: number;
  /** Whether the server still accepts connections (false after a `'refuse'` step or `close()`). */
  readonly listening: boolean;
  /** Problems in the script itself (a script that ran out), also answered as HTTP 500. */
  readonly errors: readonly string[];
  /** Destroys every open socket, clears every timer and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a scripted HTTP server on `127.0.0.1`, port 0 (a free port).
 *
 * @example
 * ```ts
 * const server = await startFaultServer(['reset', { status: 200, body: 'ok' }]);
 * await expect(fetch(server.url)).rejects.toThrow(); // ECONNRESET
 * expect(await (await fetch(server.url)).text()).toBe('ok');
 * await server.close();
 * ```
 */
export async function startFaultServer(script: FaultServerScript): Promise<FaultServer> {
  if (typeof script !== 'function') {
    if (!Array.isArray(script)) {
      throw new TypeError(
        `startFaultServer: script must be an array of steps or a function, got ${describeValue(script)}`,
      );
    }
    script.forEach((step, index) => {
      assertServerStep(step, `startFaultServer step ${index}`);
    });
  }
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const requests: string[] = [];
  const errors: string[] = [];
  let listening = false;
  let closed = false;

  const server = createServer((request, response) => {
    const hit = requests.length;
    requests.push(`${request.method ?? 'GET'} ${request.url ?? '/'}`);
    let step: FaultServerStep | undefined;
    if (typeof script === 'function') {
      step = script(hit, request);
      try {
        assertServerStep(step, `startFaultServer script(${hit})`);
      } catch (error: unknown) {
        fail(response, String((error as Error).message ?? error));
        return;
      }
    } else {
      step = script[hit];
      if (step === undefined) {
        fail(
          response,
          `startFaultServer script ran out: request #${hit + 1} (${requests[hit]}) but the script has only ${script.length} step${script.length === 1 ? '' : 's'}`,
        );
        return;
      }
    }
    play(step, request, response);
  });
  server.keepAliveTimeout = 1_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  function fail(response: ServerResponse, message: string): void {
    errors.push(message);
    console.error(message);
    response.writeHead(500, { 'content-type': 'text/plain', 'x-fault-server-error': 'script' });
    response.end(message);
  }

  function later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  }

  function answer(step: Partial<FaultServerResponse>, response: ServerResponse): void {
    if (response.destroyed) return;
    const headers: Record<string, string> = { ...step.headers };
    let body: string | Uint8Array = '';
    if (typeof step.body === 'string' || step.body instanceof Uint8Array) body = step.body;
    else if (step.body !== undefined) {
      body = JSON.stringify(step.body);
      headers['content-type'] ??= 'application/json';
    }
    response.writeHead(step.status ?? 200, headers);
    response.end(body);
  }

  function play(step: FaultServerStep, request: IncomingMessage, response: ServerResponse): void {
    const socket = request.socket;
    if (step === 'reset') {
      socket.resetAndDestroy();
      return;
    }
    if (step === 'hang') return;
    if (step === 'stall-after-headers') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1048576' });
      response.write('{"items":[');
      return;
    }
    if (step === 'refuse') {
      stopListening();
      socket.resetAndDestroy();
      for (const other of sockets) other.destroy();
      return;
    }
    if (step === 'reset-mid-body') {
      response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1048576' });
      // Reset only once the first bytes are on the wire, so the client sees headers then a reset.
      response.write('partial body, then the connection is reset\n', () => {
        later(10, () => socket.resetAndDestroy());
      });
      return;
    }
    if ('slowHeadersMs' in step) {
      later(step.slowHeadersMs, () => answer(step, response));
      return;
    }
    answer(step, response);
  }

  function stopListening(): void {
    if (!listening) return;
    listening = false;
    server.close();
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  listening = true;
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startFaultServer: no TCP address');
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get hits() {
      return requests.length;
    },
    requests,
    get connections() {
      return sockets.size;
    },
    get listening() {
      return listening;
    },
    errors,
    async close() {
      if (closed) return;
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const done = server.listening
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : undefined;
      listening = false;
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await done;
      // Destroyed sockets emit 'close' on the next ticks; wait so `connections` reads 0 after close().
      for (let turn = 0; sockets.size > 0 && turn < 100; turn++) {
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

function assertServerStep(step: unknown, where: string): asserts step is FaultServerStep {
  if (
    step === 'reset' ||
    step === 'reset-mid-body' ||
    step === 'hang' ||
    step === 'stall-after-headers' ||
    step === 'refuse'
  )
    return;
  if (typeof step === 'object' && step !== null && !Array.isArray(step)) {
    const { status, slowHeadersMs } = readOptions(where, step, [
      'status',
      'headers',
      'body',
      'slowHeadersMs',
    ]);
    if (slowHeadersMs !== undefined) {
      readDuration(where, 'slowHeadersMs', slowHeadersMs);
      if (status === undefined) return;
    }
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) return;
    throw new TypeError(
      `${where}.status must be an integer HTTP status 100-599, got ${describeValue(status)}`,
    );
  }
  throw new TypeError(
    `${where}: unknown fault server step ${describeValue(step)}; expected 'reset', 'reset-mid-body', 'hang', 'stall-after-headers', 'refuse', { status } or { slowHeadersMs }`,
  );
}
