// A module whose handler code shows no redelivered source (an untyped `async (event) => ...` reading the
// body through a helper, a handler a factory builds) may still be one: a template can wire it to a queue,
// a stream or an asynchronous source. The idempotency rules then judge its handler path as a consumer's,
// each finding kept only if the project pass finds such a template for one of its exports
// (`onlyIfEventWired`, iac/eventWiredHandlers.ts).
import type { ModuleContext } from './ModuleContext.js';
import { redelivered } from './redelivery.js';
import { exportNamesOf } from './rules/lambda.js';

/** How a module's handler path is judged by the rules that ask whether an event arrives twice. */
export interface ConsumerView {
  /** Judged as a consumer's handler path. */
  readonly consumer: boolean;
  /** What each finding then carries: a template must wire one of these exports (unset: the code says so). */
  readonly extra?: { readonly onlyIfEventWired: readonly string[] };
}

/**
 * @example
 * // export const handler = async (event: SQSEvent) => ...   -> { consumer: true }
 * // export const handler = async (event) => save(event)     -> { consumer: true, extra: { onlyIfEventWired: ['handler'] } }
 * // a module with no exported entry handler                  -> { consumer: false }
 */
export function consumerView(ctx: ModuleContext): ConsumerView {
  if (redelivered(ctx)) return { consumer: true };
  const names = new Set<string>();
  for (const [fn, kind] of ctx.handlers)
    if (kind === 'entry') for (const n of exportNamesOf(ctx, fn)) names.add(n);
  return names.size === 0 ? { consumer: false } : { consumer: true, extra: { onlyIfEventWired: [...names] } };
}
