// Fastify 5: one hook answers the probe and metrics paths; attach the underlying server for the drain.
import { wrapDependency } from '@bulwark/policies';
import { createService } from '@bulwark/service';
import { fastifyProbes } from '@bulwark/service/fastify';
import Fastify from 'fastify';

const service = createService({ name: 'orders' });
const payments = service.dependency(wrapDependency('payments'));

const app = Fastify();
fastifyProbes(app, service);
app.get('/orders/:id', async () => payments.execute(async () => ({ paid: true })));
await app.listen({ port: 8080, host: '0.0.0.0' });
service.attach(app.server);
