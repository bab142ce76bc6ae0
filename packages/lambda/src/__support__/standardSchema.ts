// A hand-written Standard Schema v1 (the interface zod/valibot implement), so tests need no validator library.

import type { StandardSchemaV1 } from '../schema/StandardSchema.js';

export interface Order {
  readonly id: string;
  readonly qty: number;
}

/** Accepts `{ id: string, qty: integer >= 1 }`, trims the id; otherwise reports one issue per field. */
export const orderSchema: StandardSchemaV1<unknown, Order> = {
  '~standard': {
    version: 1,
    vendor: 'bulwark-test',
    validate(value) {
      const issues: { message: string; path: PropertyKey[] }[] = [];
      const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
      if (typeof v.id !== 'string' || v.id.trim() === '')
        issues.push({ message: 'id must be a non-empty string', path: ['id'] });
      if (typeof v.qty !== 'number' || !Number.isInteger(v.qty) || v.qty < 1) {
        issues.push({ message: 'qty must be an integer >= 1', path: ['qty'] });
      }
      if (issues.length > 0) return { issues };
      return { value: { id: (v.id as string).trim(), qty: v.qty as number } };
    },
  },
};
