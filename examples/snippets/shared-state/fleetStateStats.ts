// What a reader has cost and refused so far: one line per invocation makes the SSM bill visible.
import { ssmBreakerState } from '@bulwark/policies';

const shared = ssmBreakerState({ parameterName: '/bulwark/breakers/edna', maxAgeSeconds: 5 });

export async function report(): Promise<void> {
  await shared.ready();
  const { reads, failures, invalidDocuments, notFound, timeouts } = shared.stats();
  console.info(
    JSON.stringify({
      fleetState: shared.current()?.state ?? 'none',
      reads,
      failures,
      invalidDocuments,
      notFound,
      timeouts,
    }),
  );
}
