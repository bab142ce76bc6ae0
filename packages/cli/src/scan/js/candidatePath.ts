// Whether a code finding is on a deployed Lambda's path at all, as far as its own module can tell: a
// branch only a local or offline run takes is not (localOnly.ts), nor a function nothing names
// (uncalled.ts), nor a branch a module-level switch fixed off guards (fixedOff.ts), and in a module with no handler of its own the exports that reach the finding are noted, so the project pass can drop it when only operator
// scripts call them (scriptCallers.ts); so are the exports of a function whose option, left out by every
// call in its module, gates the finding (flagGated.ts). Infrastructure rules (`iac-*`, CDK code run at synth time by a
// command-line app) are not judged this way: their code never runs in the Lambda.
import type { Node } from './ast.js';
import { fixedOff } from './fixedOff.js';
import { flagGated } from './flagGated.js';
import { handedAtHome } from './handedAtHome.js';
import { exportsReaching } from './handlerImports.js';
import { localOnly } from './localOnly.js';
import type { ModuleContext } from './ModuleContext.js';
import { uncalled } from './uncalled.js';

/**
 * `'off'` when the finding sits in a local-only branch; otherwise the exports of a handler-less module
 * whose functions reach it (empty when the module has handlers, a template names one of its exports, or nothing exported reaches it).
 *
 * @example
 * candidatePath(ctx, 'swallowed-error', catchClause) // ['holdingById'] in lib/platform-api/requests.js
 */
export function candidatePath(ctx: ModuleContext, rule: string, node: Node): 'off' | readonly string[] {
  if (rule.startsWith('iac-')) return [];
  if (localOnly(ctx, node) || uncalled(ctx, node) || fixedOff(ctx, node)) return 'off';
  // A branch only a caller's option opens: dead when only the module calls the function, else judged
  // like a helper's export (the option's callers must all be scripts).
  const gated = flagGated(ctx, node);
  if (gated !== undefined) return gated.exported.length === 0 ? 'off' : gated.exported;
  // A module a template wires an export of is an entry, whatever shape that export has (a factory's answer,
  // `export const handler = webhookFactory(client)`): its code runs on a deployed path, not only through
  // what other modules name of it (a consumer importing its event type names none of its functions).
  if (
    ctx.handlers.size > 0 ||
    ctx.batchHandlers.size > 0 ||
    ctx.templateNamed.size > 0 ||
    ctx.enclosingFunction(node) === undefined
  )
    return [];
  // An export the module hands on as a value runs for whoever takes the value (js/handedAtHome.ts).
  const reaching = exportsReaching(ctx, node, true);
  return handedAtHome(ctx, reaching) ? [] : reaching;
}
