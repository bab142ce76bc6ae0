// Hono on Node: a middleware answers the probe and metrics paths; attach what serve() returns.

import { wrapDependency } from '@bulwark/policies';
import { createService } from '@bulwark/service';
import { honoProbes } from '@bulwark/service/hono';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const service = createService({ name: 'orders' });
const payments = service.dependency(wrapDependency('payments'));

const app = new Hono();
app.use(honoProbes(service));
app.get('/orders/:id', async (c) => c.json(await payments.execute(async () => ({ paid: true }))));
service.attach(serve({ fetch: app.fetch, port: 8080 }));
