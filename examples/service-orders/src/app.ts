// The orders service: Express 5 over @bulwark/service, calling payments (critical) and recommendations
// (optional, with a fallback) through wrapDependency.
import type { Server } from 'node:http';
import { toHttpStatus, toProblemDetails } from '@bulwark/errors';
import { wrapDependency } from '@bulwark/policies';
import { createService, type Service } from '@bulwark/service';
import { expressProbes } from '@bulwark/service/express';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Config } from './config.js';

export interface OrdersService {
  readonly service: Service;
  readonly app: express.Express;
  listen(): Promise<Server>;
}

export function ordersService(config: Config): OrdersService {
  const service = createService({
    name: 'orders',
    shutdown: { graceMs: config.SHUTDOWN_GRACE_MS, timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
  });
  const payments = service.dependency(
    wrapDependency('payments', {
      timeout: { attemptMs: config.PAYMENTS_TIMEOUT_MS, totalMs: config.PAYMENTS_TIMEOUT_MS * 3 },
    }),
    { critical: true },
  );
  const recommendations = service.dependency(
    wrapDependency('recommendations', {
      timeout: { attemptMs: 500, totalMs: 1_000 },
      retry: { maxAttempts: 1 },
      fallback: () => new Response('[]', { headers: { 'content-type': 'application/json' } }),
    }),
    { critical: false },
  );

  const app = express();
  app.disable('x-powered-by');
  app.use(expressProbes(service));
  app.get('/orders/:id', async (req: Request<{ id: string }>, res: Response) => {
    const id = encodeURIComponent(req.params.id);
    const [payment, suggested] = await Promise.all([
      payments.fetch(`${config.PAYMENTS_URL}/payments/${id}`, {
        headers: { authorization: `Bearer ${config.PAYMENTS_TOKEN}` },
      }),
      recommendations.fetch(`${config.RECOMMENDATIONS_URL}/recommendations/${id}`),
    ]);
    res.json({ id: req.params.id, payment: await payment.json(), recommendations: await suggested.json() });
  });
  // Express 5 hands rejected handlers here: a dependency failure is a 503 problem, never an upstream body.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(toHttpStatus(error)).type('application/problem+json').json(toProblemDetails(error));
  });

  return {
    service,
    app,
    listen: () =>
      new Promise((resolve, reject) => {
        const server = app.listen(config.PORT, config.HOST, (error?: Error) =>
          error ? reject(error) : resolve(server),
        );
        service.attach(server);
      }),
  };
}
