// What counts as a Standard Schema (callable ones included: ArkType's types are functions), and how issues
// are flattened into the `errors` member of a 422.

import { describe, expect, it } from 'vitest';
import type { StandardSchemaV1 } from './StandardSchema.js';
import { isStandardSchema, validate } from './validate.js';

const std = (validateFn: (value: unknown) => unknown, version: unknown = 1) => ({
  '~standard': { version, vendor: 'test', validate: validateFn },
});
const failing = (issues: unknown[]) => std(() => ({ issues })) as unknown as StandardSchemaV1;

describe('isStandardSchema', () => {
  it('accepts an object and a function that carry a version 1 ~standard with a validate function', () => {
    // Act + Assess
    expect(isStandardSchema(std(() => ({ value: 1 })))).toBe(true);
    expect(
      isStandardSchema(
        Object.assign(
          () => undefined,
          std(() => ({ value: 1 })),
        ),
      ),
    ).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'schema'],
    ['a number', 1],
    ['an object without ~standard', {}],
    ['a null ~standard', { '~standard': null }],
    ['a ~standard that is a string', { '~standard': 'v1' }],
    ['version 2', std(() => ({ value: 1 }), 2)],
    ['a validate that is not a function', { '~standard': { version: 1, validate: 'yes' } }],
  ])('refuses %s', (_label, value) => {
    // Act + Assess
    expect(isStandardSchema(value)).toBe(false);
  });
});

describe('validate', () => {
  it('takes a plain result and a promised one alike', async () => {
    // Act + Assess
    expect(await validate(std((v) => ({ value: v })) as StandardSchemaV1, 7)).toEqual({ ok: true, value: 7 });
    expect(await validate(std(async () => ({ issues: [{ message: 'no' }] })) as StandardSchemaV1, 7)).toEqual(
      {
        ok: false,
        issues: [{ path: '', message: 'no' }],
      },
    );
  });

  it('joins path segments with dots, reading the key of a segment object', async () => {
    // Prepare
    const schema = failing([
      { message: 'must be >= 1', path: [{ key: 'items' }, 0, 'qty'] },
      { message: 'odd', path: [null, Symbol.for('s')] },
      { message: 404 },
    ]);
    // Act + Assess
    expect(await validate(schema, {})).toEqual({
      ok: false,
      issues: [
        { path: 'items.0.qty', message: 'must be >= 1' },
        { path: 'null.Symbol(s)', message: 'odd' },
        { path: '', message: '404' },
      ],
    });
  });
});
