// Entry point: configuration first (exit 1 before any port opens), then the server, then the probes follow.
import type { AddressInfo } from 'node:net';
import { loadConfigOrExit } from '@bulwark/service';
import { ordersService } from './app.js';
import { Config } from './config.js';

const config = await loadConfigOrExit(Config);
const orders = ordersService(config);
const server = await orders.listen();
const { port } = server.address() as AddressInfo;
console.log(JSON.stringify({ level: 'INFO', message: 'listening', service: orders.service.name, port }));
