// What the SDK actually sent to SSM, read at msw's edge: the operation (x-amz-target) and the JSON body.
import type { SetupServer } from 'msw/node';
import { afterEach, beforeEach } from 'vitest';

export interface SsmRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
}

/** Records every SSM request the server sees while a test runs; `sent()` resolves once the bodies are read. */
export function recordSsmRequests(server: SetupServer): { sent(): Promise<SsmRequest[]> } {
  let pending: Promise<SsmRequest>[] = [];
  const listener = ({ request }: { request: Request }): void => {
    const operation = (request.headers.get('x-amz-target') ?? '').replace(/^AmazonSSM\./, '');
    pending.push(
      request
        .clone()
        .json()
        .then((body) => ({ operation, body: body as Record<string, unknown> })),
    );
  };
  beforeEach(() => {
    pending = [];
    server.events.on('request:start', listener);
  });
  afterEach(() => {
    server.events.removeListener('request:start', listener);
  });
  return { sent: () => Promise.all(pending) };
}
