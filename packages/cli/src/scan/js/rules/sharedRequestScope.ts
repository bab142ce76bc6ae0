// Who decides a request's retry finding in a shared module (no handler of its own, or no server import:
// `plain`): the handlers the project pass finds reaching it (eventCallers.ts), not the module itself.

import type { Node } from '../ast.js';
import { sharedRequest } from '../callerNames.js';
import type { ModuleContext } from '../ModuleContext.js';

/**
 * The condition a no-retry finding at `node` carries: none in a handler's server module, else the
 * handlers reaching the request (a schedule's next run being its retry).
 * @example
 * report('no-retry', call, message, sharedOnly(ctx, call, plain));
 */
export function sharedOnly(ctx: ModuleContext, node: Node, plain: boolean) {
  if (ctx.handlers.size > 0 && !plain) return {};
  return {
    onlyIfEventCaller: {
      ...sharedRequest(ctx, node),
      schedulesRetry: true as const,
      ...(plain ? { strict: true as const } : {}),
    },
  };
}

/** The same, where a redelivered consumer's redelivery is the request's retry too. */
export function consumersRetry(shared: ReturnType<typeof sharedOnly>): ReturnType<typeof sharedOnly> {
  const request = shared.onlyIfEventCaller;
  return request === undefined ? shared : { onlyIfEventCaller: { ...request, consumersRetry: true } };
}
