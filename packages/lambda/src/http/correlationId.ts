// The correlation id a request carries through our logs and back to the caller. A caller-supplied value is
// used only if it looks like an id: it ends up in a response header and in log lines.

import { randomUUID } from 'node:crypto';
import type { HttpEventView } from './httpEvent.js';

const SAFE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function correlationIdOf(view: HttpEventView, header: string): string {
  for (const candidate of [view.header(header), view.header('x-request-id'), view.requestId]) {
    if (candidate !== undefined && SAFE_ID.test(candidate)) return candidate;
  }
  return randomUUID();
}
