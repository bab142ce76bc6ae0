// Any Standard Schema validates the body: zod, valibot, arktype... Here a hand-written one, to show the contract.
import { type StandardSchemaV1, sqsHandler } from '@bulwark/lambda';

interface Refund {
  readonly orderId: string;
  readonly cents: number;
}

const Refund: StandardSchemaV1<unknown, Refund> = {
  '~standard': {
    version: 1,
    vendor: 'example',
    validate(value) {
      const v = (value ?? {}) as Partial<Refund>;
      if (typeof v.orderId !== 'string') return { issues: [{ message: 'Required', path: ['orderId'] }] };
      if (typeof v.cents !== 'number' || v.cents <= 0)
        return { issues: [{ message: 'Must be > 0', path: ['cents'] }] };
      return { value: { orderId: v.orderId, cents: v.cents } };
    },
  },
};

// A body that is not JSON, or fails the schema, is a permanent failure of that record: its issues are logged
// (`issues: [{ path: 'cents', message: 'Must be > 0' }]`) and the policy decides (here: it leaves the queue).
export const handler = sqsHandler(async (_record, { body }) => refund(body.orderId, body.cents), {
  schema: Refund,
  onPermanentFailure: 'acknowledge',
});

declare function refund(orderId: string, cents: number): Promise<void>;
