// Hono: a middleware over the core's probe(); Hono speaks fetch Request/Response, not node:http.

import type { Service } from '../Service.js';

/**
 * The slice of Hono's `Context` the middleware reads (typed structurally: Hono stays an optional peer).
 *
 * @example
 * ```ts
 * import type { HonoContextLike } from '@bulwark/service/hono';
 * const context: HonoContextLike = { req: { method: 'GET', path: '/health/ready' } };
 * ```
 */
export interface HonoContextLike {
  readonly req: { readonly method: string; readonly path: string };
}

/**
 * A Hono middleware that answers the probe and `/metrics` paths and passes every other request on. On Node,
 * `service.attach(serve({ fetch: app.fetch, port }))` (from `@hono/node-server`) for the drain.
 *
 * @example
 * ```ts
 * import { serve } from '@hono/node-server';
 * import { Hono } from 'hono';
 * import { createService } from '@bulwark/service';
 * import { honoProbes } from '@bulwark/service/hono';
 *
 * const service = createService({ name: 'orders' });
 * const app = new Hono();
 * app.use(honoProbes(service));
 * app.get('/orders/:id', (c) => c.json({ id: c.req.param('id') }));
 * service.attach(serve({ fetch: app.fetch, port: 8080 }));
 * ```
 */
export function honoProbes(
  service: Pick<Service, 'probe'>,
): (context: HonoContextLike, next: () => Promise<void>) => Promise<Response | undefined> {
  return async (context, next) => {
    const answer = await service.probe(context.req.method, context.req.path);
    if (answer === undefined) {
      await next();
      return undefined;
    }
    return new Response(answer.body === '' ? null : answer.body, {
      status: answer.status,
      headers: answer.headers,
    });
  };
}
