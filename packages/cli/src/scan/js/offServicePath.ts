// Code that is not on the service's request path: a load generator that plays users against the deployed
// service, and a command-line program a developer or CI runs by hand (a seeder, a migration, a one-off
// fix). A hanging call there is seen and stopped by the person running it, and a failed one is rerun:
// `sdk-client-no-timeout`, `http-no-timeout` and `no-retry` ask nothing of it. A CloudFormation custom
// resource is NOT such code, although it also runs once: nobody watches it, and a hang holds the stack
// update until CloudFormation gives up on the response (an hour by default), so it stays reported.
import type { ModuleContext } from './ModuleContext.js';

/**
 * Folders that hold a load generator or simulated users, by the names used across repositories:
 * `load-test/` and `loadtest/` (Artillery or k6 processors), `load-testing/`, `perf-tests/`,
 * `stress-test/`, `simulator/`, `traffic-generator/`, `load-generator/`, and `robot/` (simulated
 * customers in workshop code; Robot Framework acceptance suites use the same name).
 */
const SIMULATOR_FOLDER =
  /^((load|perf|performance|stress|soak)[-_]?(test|tests|testing|gen|generator|generators)|simulators?|simulations?|(traffic|load|event|order|data)[-_]?(generators?|simulators?)|robots?)$/i;

/**
 * Folders of seeding programs (`seed/`, `seeds/`, `seeders/`, `seeding/`) and of smoke-test suites
 * (`smoke-tests/`, `smoke_tests/`: Artillery or a test runner played against a deployment): run by a
 * developer or CI, not deployed. A Lambda there (a scheduled canary) stays judged.
 */
const SEED_FOLDER = /^(seeds?|seeders?|seeding|smoke[-_]?tests?)$/i;

const CUSTOM_RESOURCE =
  /\bCloudFormationCustomResource\w*|\bCdkCustomResource\w*|\.RequestType\b|\bResponseURL\b/;
const CUSTOM_RESOURCE_WORDS = [
  'CloudFormationCustomResource',
  'CdkCustomResource',
  '.RequestType',
  'ResponseURL',
];

/**
 * A CloudFormation custom resource: it runs once, unattended, and CloudFormation waits for its answer.
 * Each form's words are searched for first: the expression alone scans the whole text slowly when none
 * of them is there, which is most modules.
 */
export function customResource(source: string): boolean {
  return CUSTOM_RESOURCE_WORDS.some((w) => source.includes(w)) && CUSTOM_RESOURCE.test(source);
}

/** `export ...`, `module.exports`, `exports.x`: something other modules (a handler) may import. */
const EXPORTS = /(?:^|[\s;])export\s|\bmodule\.exports\b|\bexports\.[\w$]+\s*=/;

/**
 * The module is a command-line program: a shebang, or (in a module that exports nothing a handler could
 * import, since a dual-use module serves handlers too) a `require.main === module` guard or arguments
 * read from `process.argv`. Plain text checks: a Lambda module is ruled out by its handlers.
 */
export function commandLine(source: string): boolean {
  if (source.startsWith('#!')) return true;
  return (
    ((source.includes('require.main') && /\brequire\.main\s*===?\s*module\b/.test(source)) ||
      (source.includes('process.argv') && /\bprocess\.argv\b/.test(source))) &&
    !EXPORTS.test(source)
  );
}

/**
 * Is the module off the service's request path (see above)? Folders are read from the file's last few
 * path segments, so a checkout's own location never counts.
 *
 * @example
 * offServicePath(ctx); // true for `load-test/processor.js`, or `tools/seed.ts` starting with `#!/usr/bin/env node`
 */
export function offServicePath(ctx: ModuleContext): boolean {
  const folders = ctx.file.replace(/\\/g, '/').split('/').slice(-5, -1);
  // `.github/`: scripts a CI workflow runs, whose run shows a hang or a failure to whoever reads it.
  if (folders.some((f) => SIMULATOR_FOLDER.test(f) || f === '.github')) return true;
  if (ctx.isLambdaModule) return false;
  const text = textFacts(ctx);
  if (text.customResource) return false;
  return folders.some((f) => SEED_FOLDER.test(f)) || text.commandLine;
}

const TEXT_FACTS = new WeakMap<ModuleContext, { customResource: boolean; commandLine: boolean }>();

/** What the module's text says, read once per module: several rules ask offServicePath of the same one. */
function textFacts(ctx: ModuleContext): { customResource: boolean; commandLine: boolean } {
  let facts = TEXT_FACTS.get(ctx);
  if (facts === undefined) {
    facts = { customResource: customResource(ctx.source), commandLine: commandLine(ctx.source) };
    TEXT_FACTS.set(ctx, facts);
  }
  return facts;
}
