import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { adapterServes, registrations } from './mountedRoutes.js';
import { contextOf } from './testing/parsed.js';

/** What a request to the module's exported `app` runs: imported names and the text of local functions. */
function servedBy(source: string): { refs: string[]; starts: string[] } {
  const ctx = contextOf(source, '/app/src/app.ts');
  const app = ctx.exports.get('app') as Node;
  const { refs, starts } = registrations(ctx, app);
  return {
    refs: refs.map((r) => `${r.source}#${r.name}`),
    starts: starts.map((fn) => ctx.source.slice(fn.start, fn.end)),
  };
}

describe('registrations', () => {
  it.each([
    [
      'an Express router of the module mounted on the app',
      `import express from 'express';
       import { createOrderHandler } from './handlers';
       const app = express();
       const router = express.Router();
       app.use('/', router);
       router.post('/orders', createOrderHandler);
       export { app };`,
      ['./handlers#createOrderHandler'],
    ],
    [
      'Hono sub-apps mounted two levels down, middleware included',
      `import { Hono } from 'hono';
       import { ordersRouter } from './orders';
       import { apiKeyAuth } from './auth';
       export const app = new Hono();
       const v1 = new Hono();
       const orders = new Hono();
       orders.use('*', apiKeyAuth);
       v1.route('/orders', orders);
       v1.route('/legacy', ordersRouter);
       app.route('/api/v1', v1);`,
      ['./auth#apiKeyAuth', './orders#ordersRouter'],
    ],
    [
      'a Hono app built as one chain, handlers spread in',
      `import { Hono } from 'hono';
       import { listBlogs } from './blogs/list';
       import { aiRouter } from './ai';
       export const app = new Hono().basePath('/api').get('/blogs', ...listBlogs).route('/ai', aiRouter);`,
      ['./ai#aiRouter', './blogs/list#listBlogs'],
    ],
  ])('follows %s', (_, source, expected) => {
    // Act
    const { refs } = servedBy(source);

    // Assess
    expect([...refs].sort()).toEqual(expected);
  });

  it('leaves out a router built and given routes but never mounted (trap)', () => {
    // Act
    const { refs } = servedBy(`import express from 'express';
      import { createOrderHandler, purgeOrdersHandler } from './handlers';
      const app = express();
      const router = express.Router();
      app.use('/', router);
      router.post('/orders', createOrderHandler);
      const adminRouter = express.Router();
      adminRouter.delete('/orders', purgeOrdersHandler);
      export { app };`);

    // Assess
    expect(refs).toEqual(['./handlers#createOrderHandler']);
  });

  it('reads the functions and imports hono/factory builds handlers from', () => {
    // Prepare
    const ctx = contextOf(
      `import { createFactory } from 'hono/factory';
       import { enforceAuth } from '../middleware/auth';
       const factory = createFactory();
       export const patchBlog = factory.createHandlers(enforceAuth, async (c) => c.json({}));`,
      '/app/src/blogs/patch.ts',
    );

    // Act
    const { refs, starts } = registrations(ctx, ctx.exports.get('patchBlog') as Node);

    // Assess
    expect(refs.map((r) => `${r.source}#${r.name}`)).toEqual(['../middleware/auth#enforceAuth']);
    expect(starts.map((fn) => ctx.source.slice(fn.start, fn.end))).toEqual(['async (c) => c.json({})']);
  });

  it("reaches the function hono/factory's createMiddleware is given", () => {
    // Prepare
    const ctx = contextOf(
      `import { createMiddleware } from 'hono/factory';
       export const apiKeyAuth = createMiddleware(async (c, next) => { await next(); });`,
      '/app/src/middleware/apiKeyAuth.ts',
    );

    // Act
    const { starts } = registrations(ctx, ctx.exports.get('apiKeyAuth') as Node);

    // Assess
    expect(starts.map((fn) => ctx.source.slice(fn.start, fn.end))).toEqual([
      'async (c, next) => { await next(); }',
    ]);
  });

  it('does not read a createMiddleware of another library as a handler builder (trap)', () => {
    // Prepare
    const ctx = contextOf(
      `import { createMiddleware } from './local-kit';
       export const apiKeyAuth = createMiddleware(async (c, next) => { await next(); });`,
      '/app/src/middleware/apiKeyAuth.ts',
    );

    // Act
    const { starts } = registrations(ctx, ctx.exports.get('apiKeyAuth') as Node);

    // Assess
    expect(starts).toEqual([]);
  });
});

describe('adapterServes', () => {
  it('follows routers mounted on an app the adapter module builds itself', () => {
    // Prepare
    const ctx = contextOf(
      `import { handle } from 'hono/aws-lambda';
       import { Hono } from 'hono';
       import { invoicesRouter } from './invoices';
       const app = new Hono();
       const v1 = new Hono();
       v1.route('/invoices', invoicesRouter);
       app.route('/v1', v1);
       export const handler = handle(app);`,
      '/app/src/lambda.ts',
    );

    // Act
    const refs = adapterServes(ctx).map((r) => `${r.source}#${r.name}`);

    // Assess
    expect(refs).toEqual(['./invoices#invoicesRouter']);
  });
});
