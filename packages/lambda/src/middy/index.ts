// @bulwark/lambda/middy: the handlers' behaviours as middy middlewares. @middy/core is an optional peer and is
// never imported: the middlewares are plain objects typed structurally.

export { httpMiddleware, httpRequestContext } from './httpMiddleware.js';
export type { MiddyLikeMiddleware, MiddyLikeRequest } from './MiddyLike.js';
export { sqsBatchMiddleware } from './sqsBatchMiddleware.js';
