// retry-no-jitter for superagent's `.retry(count, callback)`: the superagent docs ("Retrying requests")
// offer a count and a callback that decides whether to retry, and no delay of any kind; the request is sent
// again the moment it fails (node/index.js `_retry` calls `_end()` at once). Every instance whose call
// failed on a 503, a 429 or a timeout therefore resends together, with neither a wait nor a random part.
import { type Node, numberValue, rootIdentifier, unwrap } from '../ast.js';
import { exportsReaching } from '../handlerImports.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

const PACKAGES = new Set(['superagent']);

/** Does the chain under `callee` start at superagent, directly or through a variable holding its request? */
function fromSuperagent(ctx: ModuleContext, callee: Node): boolean {
  if (PACKAGES.has(ctx.importRoot(callee)?.source ?? '')) return true;
  const root = rootIdentifier(callee);
  if (root === undefined) return false;
  let base: Node | undefined = unwrap(callee.object as Node);
  while (base?.type === 'MemberExpression' || base?.type === 'CallExpression')
    base = unwrap(base.type === 'CallExpression' ? (base.callee as Node) : (base.object as Node));
  const value = base === undefined ? undefined : unwrap(ctx.valueOf(base));
  return value !== undefined && value !== base && PACKAGES.has(ctx.importRoot(value)?.source ?? '');
}

/**
 * Reports each superagent `.retry(n)` that retries at all. In a module with no handler, only when another
 * module names an exported function reaching it (a helper nothing imports sends nothing).
 * @example
 * superagentRetries(ctx, report); // reports `superagent.get(url).timeout(t).retry(5)` at `retry`
 */
export function superagentRetries(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('superagent') || !ctx.spells('.retry(')) return;
  const helper = ctx.handlers.size === 0;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || callee.computed) continue;
    if ((callee.property as Node).name !== 'retry' || !fromSuperagent(ctx, callee)) continue;
    const count = (call.arguments as Node[])[0];
    if (count !== undefined && numberValue(ctx.valueOf(count) ?? count) === 0) continue; // retries switched off
    const reaching = helper ? exportsReaching(ctx, call, true) : [];
    if (helper && reaching.length === 0) continue;
    report(
      'retry-no-jitter',
      callee.property as Node,
      'superagent .retry() resends the moment a request fails, with no delay and no random part: every caller retries in lockstep; wrap the call in a retry with jittered backoff instead',
      helper ? { onlyIfExportMentioned: reaching } : undefined,
    );
  }
}
