// Docker cannot run here, so the image and the manifest are checked for what they must hold: the Dockerfile's
// stages, user, healthcheck and contents; the bundle it ships started from an empty folder; the manifest's
// probes and termination grace matched to the shutdown settings it passes, which the config schema accepts.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEFAULT_SERVICE_OPTIONS } from '@bulwark/service';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Config } from './src/config.js';

const here = import.meta.dirname;

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [op = '', ...rest] = line.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(' ') };
    });
}

describe('Dockerfile', () => {
  const all = instructions(readFileSync(join(here, 'Dockerfile'), 'utf8'));
  const stages = all.reduce<{ op: string; args: string }[][]>((acc, ins) => {
    if (ins.op === 'FROM') acc.push([]);
    acc.at(-1)?.push(ins);
    return acc;
  }, []);
  const runtime = stages.at(-1) ?? [];

  it('is multi-stage on Node 24, the runtime stage copying only the bundle from the build stage', () => {
    // Assess
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage[0]?.args).toMatch(/^node:24[-.\w]* AS \w+$/);
    const copies = runtime.filter((i) => i.op === 'COPY');
    expect(copies).toHaveLength(1);
    expect(copies[0]?.args).toMatch(/^--from=build .*\/out\/ \.\/$/);
    expect(runtime.some((i) => i.op === 'RUN')).toBe(false); // no npm install in the image
    expect(runtime.map((i) => i.args).join('\n')).not.toMatch(/node_modules/);
  });

  it('runs as a non-root user, with a liveness HEALTHCHECK and SIGTERM as the stop signal', () => {
    // Assess
    const user = runtime.findLast((i) => i.op === 'USER')?.args;
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const healthcheck = runtime.find((i) => i.op === 'HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain(DEFAULT_SERVICE_OPTIONS.health.livePath);
    expect(runtime.find((i) => i.op === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    // exec form: node is PID 1 and receives the signal itself, not through a shell.
    expect(runtime.find((i) => i.op === 'CMD')?.args).toMatch(/^\["node", .*"main\.mjs"\]$/);
  });
});

describe('the bundle the image ships', () => {
  const out = mkdtempSync(join(tmpdir(), 'orders-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('starts from a folder with no node_modules, answers liveness, and exits 0 on SIGTERM', async () => {
    // Prepare
    await promisify(execFile)(process.execPath, [join(here, 'bundle.mjs'), out]);
    expect(readdirSync(out).sort()).toEqual(['main.mjs', 'main.mjs.map']);
    const child = spawn(process.execPath, ['main.mjs'], {
      cwd: out,
      env: {
        PORT: '0',
        HOST: '127.0.0.1',
        PAYMENTS_URL: 'http://127.0.0.1:9',
        PAYMENTS_TOKEN: 'a-token-of-sixteen+',
        RECOMMENDATIONS_URL: 'http://127.0.0.1:9',
        SHUTDOWN_GRACE_MS: '50',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        stdout += chunk;
        const match = /"message":"listening".*"port":(\d+)/.exec(stdout);
        if (match) resolve(Number(match[1]));
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening: ${stdout}`)));
    });
    // Act
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    await live.text();
    child.kill('SIGTERM');
    // Assess
    expect(live.status).toBe(200);
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('Kubernetes manifest', () => {
  const docs = parseAllDocuments(readFileSync(join(here, 'k8s', 'deployment.yaml'), 'utf8')).map((d) =>
    d.toJS(),
  );
  const deployment = docs.find((d) => d.kind === 'Deployment');
  const pod = deployment?.spec?.template?.spec;
  const container = pod?.containers?.[0];
  const env = Object.fromEntries(
    (container?.env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value]),
  ) as Record<string, string | undefined>;

  it('points each probe at the service path of the same name, on the container port', () => {
    // Assess
    const { livePath, readyPath, startupPath } = DEFAULT_SERVICE_OPTIONS.health;
    expect(container.startupProbe.httpGet).toEqual({ path: startupPath, port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: readyPath, port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: livePath, port: 'http' });
    expect(container.ports).toEqual([{ name: 'http', containerPort: Number(env.PORT) }]);
  });

  it('matches the shutdown settings: grace covers the readiness probe, the kill comes after the deadline', () => {
    // Assess
    const graceMs = Number(env.SHUTDOWN_GRACE_MS);
    const timeoutMs = Number(env.SHUTDOWN_TIMEOUT_MS);
    const readiness = container.readinessProbe;
    expect(graceMs).toBeGreaterThanOrEqual(readiness.periodSeconds * readiness.failureThreshold * 1_000);
    expect(pod.terminationGracePeriodSeconds * 1_000).toBeGreaterThanOrEqual(timeoutMs + 5_000);
    expect(timeoutMs).toBeGreaterThan(graceMs);
  });

  it('passes a configuration the service accepts, with the token from a Secret, as a non-root user', async () => {
    // Prepare
    const token = container.env.find((e: { name: string }) => e.name === 'PAYMENTS_TOKEN');
    // Act
    const parsed = await Config.safeParseAsync({ ...env, PAYMENTS_TOKEN: 'x'.repeat(32) });
    // Assess
    expect(parsed.success).toBe(true);
    expect(token).toEqual({
      name: 'PAYMENTS_TOKEN',
      valueFrom: { secretKeyRef: { name: 'orders-secrets', key: 'payments-token' } },
    });
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
  });

  it('scrapes /metrics through a ServiceMonitor that selects the Service', () => {
    // Assess
    const service = docs.find((d) => d.kind === 'Service');
    const monitor = docs.find((d) => d.kind === 'ServiceMonitor');
    expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
    expect(monitor.spec.endpoints[0].path).toBe(DEFAULT_SERVICE_OPTIONS.metrics.path);
  });
});
