// The scheduled probe (EventBridge `rate(1 minute)`, reserved concurrency 1): the only automatic writer
// of the fleet breaker state. Three checks 5 s apart per invocation, so one invocation can decide alone.
import { breakerProbeHandler } from '@bulwark/lambda';

export const handler = breakerProbeHandler({
  parameterPrefix: '/bulwark/breakers/',
  dependencies: [
    { name: 'edna', url: 'https://edna.internal/health', timeoutMs: 1_500 },
    {
      name: 'ledger',
      // Any check: resolve for healthy; throw, resolve false, or return a non-2xx Response for unhealthy.
      check: async ({ signal }) => fetch('https://ledger.internal/ping', { method: 'HEAD', signal }),
    },
  ],
  failureThreshold: 3, // consecutive failed checks before `open`
  successThreshold: 2, // consecutive healthy checks before `closed`
  checksPerInvocation: 3,
  checkIntervalMs: 5_000,
  retryAfterSeconds: 60, // the schedule's period: when callers may expect the next verdict
});
