import { describe, expect, it } from 'vitest';
import { readDocument } from './idempotentRequest.js';

// stringValue's placeholder for an interpolated value in a template.
const HOLE = '\u0024{}';

describe('readDocument', () => {
  it('takes anonymous selections, named queries and fragments for reads', () => {
    expect(readDocument(`\n  {\n    vaults(where: { id: "${HOLE}" }) { id }\n  }\n`)).toBe(true);
    expect(readDocument(`query Product($sku: ID!) { product(sku: $sku) { ...F } } ${HOLE}`)).toBe(true);
    expect(readDocument('# list\nquery { a }\nfragment F on T { b }')).toBe(true);
  });

  it('refuses a document with a mutation or subscription anywhere at its top level', () => {
    expect(readDocument('mutation Save($x: Int) { save(x: $x) { id } }')).toBe(false);
    expect(readDocument('query Q { a } mutation M { b }')).toBe(false);
    expect(readDocument('subscription { changed { id } }')).toBe(false);
  });

  it('refuses text that is not a GraphQL document, and braces inside strings do not end a selection', () => {
    expect(readDocument('running shoes')).toBe(false);
    expect(readDocument('')).toBe(false);
    expect(readDocument(undefined)).toBe(false);
    expect(readDocument('{ a(filter: "}") { b } } mutation { c }')).toBe(false);
    // Read only when the string is stripped: its brace would otherwise end the selection early.
    expect(readDocument('{ a(filter: "}") { b } }')).toBe(true);
  });
});
