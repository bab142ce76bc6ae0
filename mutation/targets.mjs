// @ts-nocheck
// What each package's mutation run mutates and which tests judge it. One entry per package; the
// per-package configs in mutation/<package>/ are built from it, and test/mutation/configs.test.ts checks
// every source file and every test file of the package is covered (so a new file cannot fall out).

/**
 * Tests left out of the mutation run, each with its reason. A test that reads source text with a
 * regex (a documented default, the public surface) fails on Stryker's instrumented files, so every
 * mutant would count as killed by it.
 */
const readsSource = 'reads source text with a regex; fails on Stryker-instrumented files';

export const mutationTargets = {
  errors: {
    excludedTests: {
      'packages/errors/src/publicSurface.test.ts': readsSource,
      'packages/errors/src/classify/ClassifierOptions.test.ts': readsSource,
    },
  },
  policies: {
    // 1,833 of its 4,168 mutants are reached while test files load (dependencies built in describe
    // blocks and beforeAll hooks): Stryker would run all 832 tests (44 s) for each, about 22 hours on
    // two cores. With ignoreStatic, a mutant that tests also reach runs against those tests; only one
    // reached solely at load time is Ignored (the count is in the README's Tests line).
    ignoreStatic: true,
    excludedTests: {
      'packages/policies/src/sharedState/ssmBreakerStateOptions.docs.test.ts': readsSource,
    },
    // Tests outside test/policies that judge policies code, each with its reason (without them the
    // telemetry, SDK and shared-state files read as uncovered).
    extraTests: {
      'test/observability/correlation.test.ts': 'log lines carry the record and request keys',
      'test/observability/emfDurations.test.ts': 'call durations in EMF with the real Powertools Metrics',
      'test/observability/otel.test.ts': 'spans and instruments with a real OpenTelemetry SDK',
      'test/observability/otelSignals.test.ts': 'every documented OpenTelemetry signal produced and pinned',
      'test/observability/otelGauges.test.ts': "the observable gauges' points with a real OpenTelemetry SDK",
      'test/observability/otelCalls.test.ts':
        'fetch span attributes and refusal events made inside tests (otelSignals builds its calls in beforeAll)',
      'test/observability/otelEvents.test.ts':
        'span events and the retry counter made inside tests (otelSignals builds its calls in beforeAll)',
      'test/observability/otelApiMissing.test.ts':
        'an SDK registered while @opentelemetry/api cannot be loaded',
      'test/observability/otelSpans.test.ts':
        'call and attempt spans and the instruments asserted inside tests (otelSignals builds its calls in beforeAll)',
      'test/observability/otelLate.test.ts': 'an SDK registered while a call is under way',
      'test/observability/signals.test.ts': 'every documented log line and metric produced and pinned',
      'test/sdk/protect.requests.test.ts': 'dep.protect(client) with real SDK clients over real sockets',
      'test/sdk/protect.services.test.ts': 'dep.protect(client) across SDK services',
      'test/shared-state/ssmBreakerState.test.ts': 'ssmBreakerState against the SSM emulator',
      'test/shared-state/fleet.test.ts': 'fleet-wide breaker state shared by several instances',
      'test/shared-state/hydration.test.ts': 'cold start: the first read before the first call',
    },
  },
  lambda: {
    excludedTests: {
      'packages/lambda/src/probe/breakerProbeHandler.defaults.test.ts': readsSource,
      'packages/lambda/src/sqs/sqsHandler.defaults.test.ts': readsSource,
    },
    // Tests outside test/lambda that judge lambda code, each with its reason.
    extraTests: {
      'test/shared-state/breakerProbe.test.ts':
        "the probe handler's runs (SSM reads and writes, hysteresis) against the SSM emulator live here",
    },
  },
  service: {
    excludedTests: {
      'packages/service/src/publicSurface.test.ts': readsSource,
    },
  },
};

/**
 * The files Stryker mutates: every source file of the package, never a test or a type-test, nor the
 * test support under `src/__support__` (fakes the tests use; left out of the published package).
 */
export function mutateGlobs(name) {
  return [
    `packages/${name}/src/**/*.ts`,
    `!packages/${name}/src/**/*.test.ts`,
    `!packages/${name}/src/**/*.test-d.ts`,
    `!packages/${name}/src/__support__/**`,
  ];
}

/** The tests that judge the package: its own, its cross-package ones, its hostile ones and any extra ones. */
export function testGlobs(name) {
  return [
    `packages/${name}/src/**/*.test.ts`,
    `test/${name}/**/*.test.ts`,
    `test/hostile/${name}/**/*.test.ts`,
    ...Object.keys(mutationTargets[name]?.extraTests ?? {}),
  ];
}

/** The Stryker options for one package (paths relative to the repository root, where it runs). */
export function strykerConfig(name) {
  if (!(name in mutationTargets)) throw new TypeError(`mutation: unknown package ${name}`);
  return {
    $schema: '../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
    packageManager: 'npm',
    testRunner: 'vitest',
    vitest: { configFile: `mutation/${name}/vitest.config.ts` },
    coverageAnalysis: 'perTest',
    mutate: mutateGlobs(name),
    // The workspace links node_modules/@bulwark/* -> packages/*: in Stryker's sandbox copy the tests
    // would import the unmutated source through them, so the mutants are placed in the files themselves
    // (Stryker restores them when it ends; a killed run leaves them: `git checkout packages/`).
    inPlace: true,
    // vitest strips types without checking them, so Stryker need not add `// @ts-nocheck` to every file.
    disableTypeChecks: false,
    ignoreStatic: mutationTargets[name].ignoreStatic ?? false,
    incremental: true,
    incrementalFile: `reports/stryker-incremental-${name}.json`,
    // Two cores shared by several agents: one test process, unless `--concurrency N` says otherwise.
    concurrency: 1,
    timeoutMS: 10_000,
    reporters: ['clear-text', 'progress', 'html'],
    htmlReporter: { fileName: `reports/mutation/${name}.html` },
    tempDirName: `.stryker-tmp/${name}`,
    cleanTempDir: 'always',
  };
}
