// Counts the requests in flight on the servers a service is attached to, whatever framework answers them, and
// closes connections as they go idle once the service drains, so `server.close()` completes.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { redactText } from '@bulwark/errors';

/** A request being answered: what the forced-exit line names. */
export interface InFlightRequest {
  readonly method: string;
  /** The path without its query string, bounded and with control characters escaped. */
  readonly path: string;
  readonly startedAt: number;
}

/**
 * A server the service can follow: `node:http` and `node:https` servers, and what Express' `app.listen`,
 * Fastify's `app.server` and `@hono/node-server`'s `serve` return.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import type { AttachableServer } from '@bulwark/service';
 * const server: AttachableServer = createServer();
 * ```
 */
export interface AttachableServer {
  on(event: 'connection', listener: (socket: Socket) => void): unknown;
  prependListener(event: 'request', listener: (req: IncomingMessage, res: ServerResponse) => void): unknown;
  close(callback?: (error?: Error) => void): unknown;
  closeIdleConnections?(): void;
}

/** Called once per answered request (for the duration histogram). */
export type RequestObserver = (request: InFlightRequest, status: number, now: number) => void;

function requestPath(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return redactText(end === -1 ? raw : raw.slice(0, end), 120);
}

export class RequestTracker {
  readonly requests = new Set<InFlightRequest>();
  readonly #sockets = new Map<Socket, number>();
  readonly #servers = new Set<AttachableServer>();
  readonly #idleWaiters = new Set<() => void>();
  #draining = false;
  readonly #now: () => number;
  readonly #observe: RequestObserver;

  constructor(now: () => number, observe: RequestObserver) {
    this.#now = now;
    this.#observe = observe;
  }

  get inFlight(): number {
    return this.requests.size;
  }

  attach(server: AttachableServer): void {
    if (this.#servers.has(server)) return;
    this.#servers.add(server);
    server.on('connection', (socket: Socket) => {
      this.#sockets.set(socket, 0);
      socket.once('close', () => this.#sockets.delete(socket));
      // A connection accepted during the drain (already in the accept queue) gets its first request served.
    });
    // First in line, so a listener that answers synchronously still finishes after we started counting.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => this.#track(req, res));
  }

  #track(req: IncomingMessage, res: ServerResponse): void {
    const request: InFlightRequest = {
      method: redactText(req.method ?? 'GET', 16),
      path: requestPath(req.url),
      startedAt: this.#now(),
    };
    const socket = req.socket;
    this.requests.add(request);
    this.#sockets.set(socket, (this.#sockets.get(socket) ?? 0) + 1);
    // Keep-alive connections are told to close once this response is sent.
    if (this.#draining && !res.headersSent) res.setHeader('connection', 'close');
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      this.requests.delete(request);
      const left = (this.#sockets.get(socket) ?? 1) - 1;
      if (this.#sockets.has(socket)) this.#sockets.set(socket, left);
      this.#observe(request, res.statusCode, this.#now());
      if (this.#draining && left <= 0) socket.end();
      if (this.requests.size === 0) for (const wake of this.#idleWaiters) wake();
    };
    res.once('finish', end);
    res.once('close', end);
  }

  /** Stops accepting connections on every attached server and ends the idle keep-alive ones. */
  stopAccepting(): void {
    this.#draining = true;
    for (const server of this.#servers) {
      server.close();
      server.closeIdleConnections?.();
    }
    for (const [socket, count] of this.#sockets) if (count <= 0) socket.end();
  }

  /** Resolves when no request is in flight. */
  whenIdle(): Promise<void> {
    if (this.requests.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        this.#idleWaiters.delete(wake);
        resolve();
      };
      this.#idleWaiters.add(wake);
    });
  }

  /** Destroys every remaining connection (the forced exit). */
  destroyAll(): void {
    for (const socket of this.#sockets.keys()) socket.destroy();
  }
}
