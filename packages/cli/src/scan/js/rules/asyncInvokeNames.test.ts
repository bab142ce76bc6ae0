// The helpers a module notes as invoking Lambda functions by a name built from their parameters
// (asyncInvokeNameRules): here, a name looked up in a table the module spells, by the helper's key.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { asyncInvokeNameRules } from './asyncInvokeNames.js';

/** The helpers and the module's own asynchronously invoked names. */
function noted(source: string) {
  const ctx = contextOf(source, '/app/src/lib/lambda.ts');
  asyncInvokeNameRules(ctx, () => {});
  return { helpers: [...ctx.invokeHelpers], invoked: [...ctx.asyncInvokedNames] };
}

const TABLE = `const names = {
  updatePrices: \`prices-\${STAGE}-updatePrices\`,
  revalidate: \`prices-\${STAGE}-revalidate\`,
};
`;

describe('asyncInvokeNameRules with a table of names', () => {
  it('notes one helper per entry, each standing for the calls that pick its key', () => {
    // Act
    const { helpers } = noted(
      `${TABLE}export async function invokeLambda(key, event, invocationType) {
  return client.send(new InvokeCommand({ FunctionName: names[key], Payload: JSON.stringify(event), InvocationType: invocationType }));
}`,
    );

    // Assess
    expect(helpers).toEqual([
      {
        name: 'invokeLambda',
        template: 'prices-*-updatePrices',
        typeParam: 2,
        key: { param: 0, value: 'updatePrices' },
      },
      {
        name: 'invokeLambda',
        template: 'prices-*-revalidate',
        typeParam: 2,
        key: { param: 0, value: 'revalidate' },
      },
    ]);
  });

  it("joins the module's own calls to the entry each picks", () => {
    // Act
    const { invoked } = noted(
      `${TABLE}async function fire(key, event) {
  return client.send(new InvokeCommand({ FunctionName: names[key], InvocationType: 'Event', Payload: JSON.stringify(event) }));
}
export const handler = async () => { await fire('revalidate', {}); };`,
    );

    // Assess
    expect(invoked).toEqual(['prices-*-revalidate']);
  });

  it('notes nothing for a key looked up in a table the module does not spell', () => {
    // Act
    const { helpers, invoked } = noted(
      `import { names } from './names';
export async function invokeLambda(key, event) {
  return client.send(new InvokeCommand({ FunctionName: names[key], InvocationType: 'Event', Payload: JSON.stringify(event) }));
}`,
    );

    // Assess
    expect([helpers, invoked]).toEqual([[], []]);
  });
});
