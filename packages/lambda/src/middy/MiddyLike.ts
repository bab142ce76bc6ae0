// middy is an optional peer: these are the shapes the middlewares need, typed structurally (as Powertools
// does in commons/src/types/middy.ts), so neither types nor code of @middy/core are loaded by this package.

import type { Context } from 'aws-lambda';

/**
 * The part of a middy request the Bulwark middlewares read and write.
 *
 * @example
 * ```ts
 * import type { MiddyLikeRequest } from '@bulwark/lambda/middy';
 * const logEvent = (request: MiddyLikeRequest) => console.log(request.event);
 * ```
 */
export interface MiddyLikeRequest {
  event: unknown;
  context: Context;
  response: unknown;
  error: unknown;
  internal: { [key: string]: unknown };
}

/**
 * A middy middleware object.
 *
 * @example
 * ```ts
 * import middy from '@middy/core';
 * import { httpMiddleware, type MiddyLikeMiddleware } from '@bulwark/lambda/middy';
 * const mw: MiddyLikeMiddleware = httpMiddleware();
 * export const handler = middy(async () => ({ ok: true })).use(mw);
 * ```
 */
export interface MiddyLikeMiddleware {
  before?: (request: MiddyLikeRequest) => Promise<void>;
  after?: (request: MiddyLikeRequest) => Promise<void>;
  onError?: (request: MiddyLikeRequest) => Promise<void>;
}
