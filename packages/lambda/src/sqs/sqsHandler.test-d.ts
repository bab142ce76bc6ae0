// Type-level promises: the body type comes from the schema, and handlers are checked against it.
import { describe, expectTypeOf, it } from 'vitest';
import { type Order, orderSchema } from '../__support__/standardSchema.js';
import { httpHandler, type SqsBatchHandler, sqsHandler } from '../index.js';

describe('sqsHandler types', () => {
  it('infers ctx.body from the schema', () => {
    sqsHandler(
      (_record, { body }) => {
        expectTypeOf(body).toEqualTypeOf<Order>();
      },
      { schema: orderSchema },
    );
  });

  it('returns an SqsBatchHandler', () => {
    expectTypeOf(sqsHandler(() => undefined)).toEqualTypeOf<SqsBatchHandler>();
  });

  it('refuses a schema whose output does not match an explicit body type', () => {
    // @ts-expect-error: the schema outputs Order, not { other: string }
    sqsHandler<{ other: string }>(() => undefined, { schema: orderSchema });
  });

  it('infers the HTTP body from the schema too', () => {
    httpHandler(
      (_event, { body }) => {
        expectTypeOf(body).toEqualTypeOf<Order>();
      },
      { schema: orderSchema },
    );
  });
});
