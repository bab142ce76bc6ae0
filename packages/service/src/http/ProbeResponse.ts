// The framework-neutral answer to a probe or metrics request; each adapter writes it in its own way.

/**
 * What the service answers on a health or metrics path: adapters copy it onto their response.
 *
 * @example
 * ```ts
 * import { createService, type ProbeResponse } from '@bulwark/service';
 * const answer: ProbeResponse | undefined = await createService().probe('GET', '/health/ready');
 * console.log(answer?.status); // 503 until startup completes
 * ```
 */
export interface ProbeResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The path of a request target, without query string or fragment. */
export function pathOf(url: string | undefined): string {
  const raw = url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}
