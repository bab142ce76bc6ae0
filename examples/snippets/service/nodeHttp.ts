// A service on plain node:http: probes, drain, metrics and a close hook, no framework.
import { createServer } from 'node:http';
import { wrapDependency } from '@bulwark/policies';
import { createService } from '@bulwark/service';

const service = createService({
  name: 'inventory',
  shutdown: { graceMs: 5_000, timeoutMs: 25_000 },
  metrics: { processMetrics: true },
});

// Register every dependency: readiness, the drain and /metrics follow it. Call through what this returns.
const warehouse = service.dependency(
  wrapDependency('warehouse', { timeout: { attemptMs: 1_000, totalMs: 3_000 } }),
  { critical: true },
);

// A check of your own, bounded by health.checkTimeoutMs; only the error's name reaches the probe body.
const pool = { query: async (_sql: string) => [], end: async () => {} };
service.check('postgres', () => pool.query('select 1'));
service.onClose('postgres pool', () => pool.end());

const server = createServer(
  service.requestListener(async (req, res) => {
    const stock = await warehouse.fetch(`https://warehouse.internal${req.url ?? '/'}`);
    res.writeHead(stock.status, { 'content-type': 'application/json' }).end(await stock.text());
  }),
);
service.attach(server).listen(8080);
