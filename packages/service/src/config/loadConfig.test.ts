// Configuration checked with any Standard Schema: every problem at once, no value echoed, output typed.
import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { isConfigError } from './ConfigError.js';
import { loadConfig, loadConfigOrExit } from './loadConfig.js';

const SECRET = 'sk_live_51HxQ2eZvKYlo2C9';
const zodEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535),
  DATABASE_URL: z.url(),
  API_KEY: z.string().min(32),
  MODE: z.enum(['live', 'test']),
});
const valibotEnv = v.object({
  PORT: v.pipe(v.string(), v.transform(Number), v.number(), v.minValue(1)),
  DATABASE_URL: v.pipe(v.string(), v.url()),
  API_KEY: v.pipe(v.string(), v.minLength(32)),
  MODE: v.picklist(['live', 'test']),
});
const bad = {
  PORT: 'eighty',
  DATABASE_URL: `postgres//admin:${SECRET}@db`,
  API_KEY: SECRET,
  MODE: `prod-${SECRET}`,
  UNRELATED_TOKEN: SECRET,
};

describe('loadConfig', () => {
  it.each([
    ['zod', zodEnv],
    ['valibot', valibotEnv],
  ])('%s: returns the typed output of a good configuration', async (_vendor, schema) => {
    // Act
    const config = await loadConfig(schema, {
      source: { PORT: '8080', DATABASE_URL: 'postgres://db/orders', API_KEY: 'k'.repeat(32), MODE: 'live' },
    });
    // Assess
    expect(config).toMatchObject({ PORT: 8080, MODE: 'live' });
  });

  it.each([
    ['zod', zodEnv],
    ['valibot', valibotEnv],
  ])('%s: lists every problem at once and never a value', async (_vendor, schema) => {
    // Act
    const error = await loadConfig(schema, { source: bad }).catch((e: unknown) => e);
    // Assess
    expect(isConfigError(error)).toBe(true);
    if (!isConfigError(error)) return;
    expect(error.problems.map((p) => p.path).sort()).toEqual(['API_KEY', 'DATABASE_URL', 'MODE', 'PORT']);
    expect(error.message).toMatch(/^configuration refused \(4 problems\): /);
    const everything = JSON.stringify([error.message, error.problems, error.stack]);
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain('eighty');
    for (const problem of error.problems) expect(problem.message.length).toBeGreaterThan(0);
  });

  it('reads process.env by default', async () => {
    // Prepare
    vi.stubEnv('BULWARK_TEST_LIMIT', '12');
    // Act
    const config = await loadConfig(z.object({ BULWARK_TEST_LIMIT: z.coerce.number() }));
    vi.unstubAllEnvs();
    // Assess
    expect(config.BULWARK_TEST_LIMIT).toBe(12);
  });

  it.each([
    [{}, undefined, /loadConfig: schema must be a Standard Schema/],
    [zodEnv, { sorce: {} }, /unknown option "sorce"; did you mean "source"\?/],
    [zodEnv, { secretKeys: 'TOKEN' }, /secretKeys must be a RegExp/],
  ])('refuses bad arguments (%#)', async (schema, options, message) => {
    // Act
    const load = loadConfig(schema as never, options as never);
    // Assess
    await expect(load).rejects.toThrow(message);
  });
});

describe('loadConfigOrExit', () => {
  it('writes one error line listing every problem, then exits 1', async () => {
    // Prepare
    const exit = vi.fn();
    const error = vi.fn();
    // Act
    await loadConfigOrExit(zodEnv, { source: bad, exit, logger: { info() {}, warn() {}, error } }).catch(
      () => undefined,
    );
    // Assess
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
    expect(error).toHaveBeenCalledOnce();
    const [message, extra] = error.mock.calls[0] as [string, { problems: unknown[] }];
    expect(message).toMatch(/configuration refused \(4 problems\): .*the service did not start$/);
    expect(extra.problems).toHaveLength(4);
    expect(JSON.stringify(error.mock.calls)).not.toContain(SECRET);
  });
});
