// One service: the registry of dependencies, checks and close hooks, and the core every adapter calls.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { optionError, readOptions, serializeError } from '@bulwark/errors';
import {
  type CheckResult,
  type DependencyHealth,
  type HealthReport,
  livenessReport,
  readinessReport,
  type ServicePhase,
  startupReport,
} from './health/HealthReport.js';
import { type RegisteredCheck, runCheck } from './health/runCheck.js';
import { type ProbeResponse, pathOf } from './http/ProbeResponse.js';
import { RequestTracker } from './http/RequestTracker.js';
import { ServiceMetrics } from './metrics/ServiceMetrics.js';
import { normalizeServiceOptions } from './options/normalizeServiceOptions.js';
import type { ServiceOptions } from './options/ServiceOptions.js';
import { readDependency } from './readDependency.js';
import type { Service } from './Service.js';
import type { ServiceDependency } from './ServiceDependency.js';
import { type CloseHook, ShutdownSequence } from './shutdown/ShutdownSequence.js';
import { timedDependency } from './timedDependency.js';

const NAME_RULE = 'a non-empty string of at most 100 characters';

/**
 * Creates the service core. Options are checked here: an unknown key or a bad value is a TypeError.
 *
 * @example
 * ```ts
 * import { createService } from '@bulwark/service';
 * const service = createService({ name: 'orders', shutdown: { graceMs: 5_000, timeoutMs: 25_000 } });
 * ```
 */
export function createService(options?: ServiceOptions): Service {
  const o = normalizeServiceOptions(options);
  const now = () => performance.now();
  const entries: { readonly dep: ServiceDependency; readonly critical: boolean }[] = [];
  const checks: RegisteredCheck[] = [];
  const hooks: { readonly name: string; readonly close: CloseHook }[] = [];
  let phase: ServicePhase = 'starting';
  let started: Promise<void> | undefined;
  let dependenciesReady = false;
  let lastReadiness: readonly CheckResult[] = [];
  const running = new Map<string, Promise<CheckResult[]>>();
  const probePaths = new Set<string>([o.health.livePath, o.health.readyPath, o.health.startupPath]);
  if (o.metrics) probePaths.add(o.metrics.path);

  const dependencies = () => entries.map((entry) => entry.dep);
  let metrics: ServiceMetrics | undefined;
  const tracker = new RequestTracker(now, (request, status, end) => {
    if (!probePaths.has(request.path)) {
      metrics?.observeRequest(request.method, status, (end - request.startedAt) / 1_000);
    }
  });
  const sequence = new ShutdownSequence({
    graceMs: o.shutdown.graceMs,
    timeoutMs: o.shutdown.timeoutMs,
    exit: o.shutdown.exit,
    logger: o.logger,
    tracker,
    dependencies,
    hooks,
    setPhase: (next) => {
      phase = next;
    },
    now: () => Date.now(),
  });

  const dependencyRows = (): DependencyHealth[] =>
    entries.map(({ dep, critical }) => {
      const { name, state, inFlight } = readDependency(dep);
      return { name, critical, state, inFlight };
    });

  const runChecks = (probe: RegisteredCheck['probe']): Promise<CheckResult[]> => {
    const current = running.get(probe);
    if (current) return current;
    const run = Promise.all(
      checks.filter((c) => c.probe === probe).map((c) => runCheck(c, o.health.checkTimeoutMs)),
    ).finally(() => running.delete(probe));
    running.set(probe, run);
    return run;
  };

  const completeStartup = async (): Promise<CheckResult[]> => {
    const results = await runChecks('startup');
    if (phase === 'starting' && dependenciesReady && results.every((r) => r.ok || !r.critical)) {
      phase = 'running';
      o.logger.info('service started: readiness follows the dependencies now', {
        dependencies: dependencyRows().map(({ name, critical, state }) => ({ name, critical, state })),
      });
    }
    return results;
  };

  const readyNow = () => readinessReport(phase, dependencyRows(), lastReadiness).status !== 'fail';

  const answer = (report: HealthReport): ProbeResponse => ({
    status: report.status === 'fail' ? 503 : 200,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(o.health.details ? report : { status: report.status }),
  });

  const service: Service = {
    name: o.name,
    get phase() {
      return phase;
    },

    dependency(dependency, registration) {
      const owner = `${o.name}.dependency`;
      const r = readOptions(owner, registration, ['critical'], 'registration');
      const dep = dependency as ServiceDependency | null;
      if (
        typeof dep !== 'object' ||
        dep === null ||
        typeof dep.name !== 'string' ||
        dep.name.length === 0 ||
        dep.name.length > 200 ||
        typeof dep.stats !== 'function'
      ) {
        throw optionError(
          owner,
          'dependency',
          dependency,
          'a Dependency from wrapDependency (a name of 1 to 200 characters, state, stats())',
        );
      }
      if (r.critical !== undefined && typeof r.critical !== 'boolean') {
        throw optionError(owner, 'registration.critical', r.critical, 'true or false');
      }
      if (entries.some((entry) => entry.dep === dep || entry.dep.name === dep.name)) {
        throw optionError(
          owner,
          'dependency',
          dep.name,
          'a dependency not registered yet',
          'each name is one metrics label and one row of the probes',
        );
      }
      entries.push({ dep, critical: r.critical !== false });
      if (!metrics) return dependency;
      metrics.watch(dep);
      const sink = metrics;
      return timedDependency(dependency, (outcome, ms) => sink.observeCall(dep.name, outcome, ms / 1_000));
    },

    check(name, check, registration) {
      const owner = `${o.name}.check`;
      if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
        throw optionError(owner, 'name', name, NAME_RULE);
      }
      if (typeof check !== 'function') throw optionError(owner, 'check', check, 'a function');
      const r = readOptions(owner, registration, ['probe', 'critical'], 'registration');
      const probe = r.probe ?? 'readiness';
      if (probe !== 'liveness' && probe !== 'readiness' && probe !== 'startup') {
        throw optionError(owner, 'registration.probe', probe, "'liveness', 'readiness' or 'startup'");
      }
      if (r.critical !== undefined && typeof r.critical !== 'boolean') {
        throw optionError(owner, 'registration.critical', r.critical, 'true or false');
      }
      if (checks.some((c) => c.name === name && c.probe === probe)) {
        throw optionError(owner, 'name', name, `a name not used yet by a ${probe} check`);
      }
      checks.push({ name, probe, critical: r.critical !== false, run: check });
    },

    onClose(name, hook) {
      const owner = `${o.name}.onClose`;
      if (typeof name !== 'string' || name.length === 0 || name.length > 100) {
        throw optionError(owner, 'name', name, NAME_RULE);
      }
      if (typeof hook !== 'function') throw optionError(owner, 'hook', hook, 'a function');
      hooks.push({ name, close: hook });
    },

    start() {
      started ??= (async () => {
        const waits = entries
          .filter((entry) => entry.critical && typeof entry.dep.ready === 'function')
          .map(async ({ dep }) => {
            try {
              await dep.ready?.();
            } catch (error) {
              // Shared state may help, never block: the local breaker serves until it can be read.
              o.logger.warn('dependency ready() failed; starting on the local breaker', {
                dependency: dep.name,
                error: serializeError(error),
              });
            }
          });
        await Promise.all(waits);
        dependenciesReady = true;
        await completeStartup();
      })();
      return started;
    },

    attach(server) {
      tracker.attach(server);
      installSignals();
      service.start().catch((error: unknown) => {
        o.logger.error('service startup failed', { error: serializeError(error) });
      });
      return server;
    },

    async probe(method, path) {
      if (method !== 'GET' && method !== 'HEAD') return undefined;
      let response: ProbeResponse | undefined;
      if (path === o.health.livePath) response = answer(await service.liveness());
      else if (path === o.health.readyPath) response = answer(await service.readiness());
      else if (path === o.health.startupPath) response = answer(await service.startup());
      else if (o.metrics && path === o.metrics.path && metrics) {
        response = {
          status: 200,
          headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' },
          body: await metrics.text(),
        };
      }
      return response && method === 'HEAD' ? { ...response, body: '' } : response;
    },

    handle(req, res) {
      const path = pathOf(req.url);
      const method = req.method ?? 'GET';
      if (!probePaths.has(path) || (method !== 'GET' && method !== 'HEAD')) return false;
      service.probe(method, path).then(
        (response) => {
          if (response) res.writeHead(response.status, response.headers).end(response.body);
          else res.writeHead(404).end();
        },
        (error: unknown) => {
          o.logger.error('probe failed', { path, error: serializeError(error) });
          res.writeHead(500).end();
        },
      );
      return true;
    },

    requestListener(next) {
      return (req: IncomingMessage, res: ServerResponse) => {
        if (service.handle(req, res)) return;
        if (next) return next(req, res);
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      };
    },

    async liveness() {
      return livenessReport(phase, await runChecks('liveness'));
    },

    async readiness() {
      if (phase === 'starting' && dependenciesReady) await completeStartup();
      lastReadiness = await runChecks('readiness');
      return readinessReport(phase, dependencyRows(), lastReadiness);
    },

    async startup() {
      const results = phase === 'starting' && dependenciesReady ? await completeStartup() : [];
      return startupReport(phase, results);
    },

    async metrics() {
      return metrics ? metrics.text() : '';
    },

    shutdown(reason = 'shutdown()') {
      return sequence.start(reason);
    },
  };

  if (o.metrics) {
    metrics = new ServiceMetrics({
      dependencies,
      inFlightRequests: () => tracker.inFlight,
      ready: readyNow,
      processMetrics: o.metrics.processMetrics,
      durationBuckets: o.metrics.durationBuckets,
      include: o.metrics.include,
    });
  }

  let signalsInstalled = false;
  function installSignals(): void {
    if (signalsInstalled) return;
    signalsInstalled = true;
    for (const signal of o.shutdown.signals) {
      process.on(signal, () => {
        void sequence.start(signal);
      });
    }
  }

  return service;
}
