// Express 5: a middleware over the core's handle(); Express' req/res are node:http's own objects.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Service } from '../Service.js';

/**
 * An Express 5 middleware that answers the probe and `/metrics` paths and passes every other request on.
 * Mount it first; then `service.attach(app.listen(port))` for the drain.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createService } from '@bulwark/service';
 * import { expressProbes } from '@bulwark/service/express';
 *
 * const service = createService({ name: 'orders' });
 * const app = express();
 * app.use(expressProbes(service));
 * app.get('/orders/:id', (req, res) => { res.json({ id: req.params.id }); });
 * service.attach(app.listen(8080));
 * ```
 */
export function expressProbes(
  service: Pick<Service, 'handle'>,
): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    if (!service.handle(req, res)) next();
  };
}
