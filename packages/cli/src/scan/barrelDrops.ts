// A dropped answer reached through a barrel: `import { StripeLib } from '@libs/paymentProvider'` resolves to
// the folder's index.ts (`export * from './stripe'`), so a caller's drop key names the barrel, not the module
// that defines the method. A drop recorded against a barrel counts for the modules it re-exports.
import type { ModuleFacts } from './js/ModuleFacts.js';

/**
 * Whether `barrel` hands on `name` of `file` through its re-exports (`export *`, or `export { name }`), a
 * few barrels deep.
 *
 * @example
 * reExportsFrom('/src/libs/index.ts', '/src/libs/stripe.ts', 'capturePayment', factsOf, resolve) // true
 */
export function reExportsFrom(
  barrel: string,
  file: string,
  name: string,
  factsOf: (file: string) => ModuleFacts | undefined,
  resolve: (from: string, source: string) => string | undefined,
  depth = 0,
): boolean {
  if (depth > 3 || barrel === file) return false;
  for (const re of factsOf(barrel)?.reExports ?? []) {
    const target = resolve(barrel, re.source);
    if (target === undefined) continue;
    // A method is reached through its class's export, whose name the drop key does not carry: `export *` only.
    if (re.names !== undefined && !re.names.some(([exported]) => exported === name)) continue;
    if (target === file || reExportsFrom(target, file, name, factsOf, resolve, depth + 1)) return true;
  }
  return false;
}
