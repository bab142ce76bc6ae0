// One rule per catch: a helper's catch that answers "not verified" (false, null) for any failure of a remote
// lookup is reported by infra-error-as-auth once a caller in another module answers 401/403 on it
// (authAcrossModules.ts, condition onlyIfAuthGated). swallowed-error sees the same catch as a failure
// turned into a default answer; it keeps it only when no such caller exists, so the two never both speak.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { exportedVerdicts } from './authMethodGates.js';
import type { Report } from './Report.js';

/**
 * swallowed-error's `report` for this catch: unchanged, or carrying `unlessAuthGated` with the exports
 * infra-error-as-auth's finding for the same catch waits on.
 * @example
 * // export class Auth { async isValid(t) { try { return (await http.get('/me')).ok } catch { return false } } }
 * reportUnlessAuthGated(ctx, handler, report); // adds { unlessAuthGated: ['Auth#isValid'] }
 */
export function reportUnlessAuthGated(ctx: ModuleContext, handler: Node, report: Report): Report {
  const verdict = exportedVerdicts(ctx).get(handler);
  // A verdict that also waits on an imported remote may be dropped for that: swallowed-error keeps it then.
  if (verdict === undefined || verdict.through !== undefined || verdict.names.length === 0) return report;
  const names = verdict.names;
  return (rule, node, message, extra) => report(rule, node, message, { ...extra, unlessAuthGated: names });
}
