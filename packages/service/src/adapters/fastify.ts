// Fastify 5: an onRequest hook over the core's handle(); the reply is hijacked when the core answers.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Service } from '../Service.js';

/**
 * The slice of a Fastify instance the adapter uses (typed structurally: Fastify stays an optional peer).
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import type { FastifyLike } from '@bulwark/service/fastify';
 * const app: FastifyLike = Fastify();
 * ```
 */
export interface FastifyLike {
  addHook(
    name: 'onRequest',
    hook: (
      request: { readonly raw: IncomingMessage },
      reply: { readonly raw: ServerResponse; hijack(): unknown },
      done: (error?: Error) => void,
    ) => void,
  ): unknown;
}

/**
 * Registers the probe and `/metrics` paths on a Fastify 5 instance (a root-level `onRequest` hook, so it
 * answers before routing and needs no route of its own). Then `service.attach(app.server)` for the drain.
 *
 * @example
 * ```ts
 * import Fastify from 'fastify';
 * import { createService } from '@bulwark/service';
 * import { fastifyProbes } from '@bulwark/service/fastify';
 *
 * const service = createService({ name: 'orders' });
 * const app = Fastify();
 * fastifyProbes(app, service);
 * app.get('/orders/:id', async () => ({ ok: true }));
 * await app.listen({ port: 8080 });
 * service.attach(app.server);
 * ```
 */
export function fastifyProbes(app: FastifyLike, service: Pick<Service, 'handle'>): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (service.handle(request.raw, reply.raw)) {
      reply.hijack();
      return;
    }
    done();
  });
}
