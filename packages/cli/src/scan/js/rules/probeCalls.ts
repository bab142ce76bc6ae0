// Calls that exist to measure a live service (a health check, a synthetic probe): no-retry leaves them
// alone, because a retry would hide the failure they exist to report.
import { type Node, propertyName } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

const CHECK_KEY = /^(check|healthCheck|probe|ping)$/i;

/**
 * A folder of synthetic monitoring (`api-end-to-end-test/`, `e2e/`, `canary/`, `synthetics/`,
 * `smoke-test/`): code that calls a live service to measure it. A retry would hide the failure it exists
 * to report.
 */
const SYNTHETIC_FOLDER =
  /^([\w]+-)*(e2e|end-to-end|canary|canaries|synthetics?|smoke)(-tests?|-checks?|-probes?)?$/i;

/**
 * The module sits in a synthetic-monitoring folder.
 * @example
 * inSyntheticProbe(ctx) // true for canary/checkout.ts
 */
export function inSyntheticProbe(ctx: ModuleContext): boolean {
  const folders = ctx.file.replace(/\\/g, '/').split('/').slice(0, -1);
  return folders.slice(-4).some((f) => SYNTHETIC_FOLDER.test(f));
}

/**
 * The call is a health check or probe (`{ check: async () => fetch(...) }`): a retry would hide what it
 * measures.
 * @example
 * inHealthCheck(ctx, fetchCall) // true inside `{ check: async () => fetch(url) }`
 */
export function inHealthCheck(ctx: ModuleContext, call: Node): boolean {
  const fn = ctx.enclosingFunction(call);
  const parent = fn !== undefined ? ctx.parentOf(fn) : undefined;
  return (
    (parent?.type === 'Property' || parent?.type === 'MethodDefinition') &&
    CHECK_KEY.test(propertyName(parent.key, parent.computed) ?? '')
  );
}
