import { describe, expect, it } from 'vitest';
import { deployedNames } from './iac/serverlessInvoked.js';
import { InvokedFunctions, namesMeet } from './invokedFunctions.js';
import type { ModuleFacts } from './js/ModuleFacts.js';
import { calledName, PARAM } from './js/rules/asyncInvokeNames.js';

describe('namesMeet', () => {
  it('joins a deployed name to the same name with the stage left to the deploy', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*-buildReport')).toBe(true);
    expect(namesMeet('reports-*-buildReport', 'reports-prod-buildReport')).toBe(true);
  });
  it('keeps functions of the same service apart', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*-lookupRate')).toBe(false);
    expect(namesMeet('reports-*-build', 'reports-*-buildReport')).toBe(false);
  });
  it('joins nothing to a name the code computes at its end', () => {
    expect(namesMeet('reports-*-buildReport', 'reports-*')).toBe(false);
    expect(namesMeet('reports-*-buildReport', '*')).toBe(false);
  });
});

describe('calledName', () => {
  const helper = { template: `reports-*-${PARAM}0`, typeParam: 1 };
  it("fills the helper's template with a call's literal arguments when the type is 'Event'", () => {
    expect(calledName(helper, ['buildReport', 'Event', null])).toBe('reports-*-buildReport');
  });
  it('names nothing for a call that waits for the answer or passes an unread name', () => {
    expect(calledName(helper, ['lookupRate', 'RequestResponse'])).toBeUndefined();
    expect(calledName(helper, [null, 'Event'])).toBeUndefined();
  });
  it('stands for the calls that pick its key when the helper looks the name up in a table', () => {
    const entry = {
      template: 'reports-*-buildReport',
      typeParam: 2,
      key: { param: 0, value: 'buildReport' },
    };
    expect(calledName(entry, ['buildReport', null, 'Event'])).toBe('reports-*-buildReport');
    expect(calledName(entry, ['lookupRate', null, 'Event'])).toBeUndefined();
    expect(calledName(entry, ['buildReport', null])).toBeUndefined();
  });
  it("takes every call of a helper that always invokes with 'Event'", () => {
    expect(calledName({ template: `reports-*-${PARAM}0`, typeParam: -1 }, ['sendDigest'])).toBe(
      'reports-*-sendDigest',
    );
  });
});

describe('isNameInvoked', () => {
  const facts = (f: Partial<ModuleFacts>) => ({ file: '/p/a.ts', candidates: [], ...f }) as ModuleFacts;
  const sources = (modules: ModuleFacts[]) => ({
    modules: () => modules,
    resolve: (_from: string, source: string) => (source === './invoke' ? '/p/invoke.ts' : undefined),
    factsOf: (file: string) => modules.find((m) => m.file === file),
  });
  it("joins a serverless.yml function's deployed name to a helper call handing a full name", () => {
    const helper = facts({
      file: '/p/invoke.ts',
      invokeHelpers: [{ name: 'default', template: `${PARAM}0`, typeParam: -1 }],
    });
    const caller = facts({
      invokeHelperCalls: [
        { ref: { from: '/p/a.ts', source: './invoke', name: 'default' }, args: ['fees-*-storeFees', null] },
      ],
    });
    const joined = new InvokedFunctions(sources([helper, caller]));
    expect(joined.isNameInvoked(deployedNames('fees', 'storeFees', {}))).toBe(true);
    expect(joined.isNameInvoked(deployedNames('fees', 'getFees', {}))).toBe(false);
  });
  it("joins each entry of a tabled helper to the calls that pick it, not only the helper's first entry", () => {
    const entry = (value: string) => ({
      name: 'invokeLambda',
      template: `prices-*-${value}`,
      typeParam: 2,
      key: { param: 0, value },
    });
    const helper = facts({
      file: '/p/invoke.ts',
      invokeHelpers: [entry('revalidate'), entry('updatePrices')],
    });
    const caller = facts({
      invokeHelperCalls: [
        {
          ref: { from: '/p/a.ts', source: './invoke', name: 'invokeLambda' },
          args: ['updatePrices', null, 'Event'],
        },
      ],
    });
    const joined = new InvokedFunctions(sources([helper, caller]));
    expect(joined.isNameInvoked(deployedNames('prices', 'updatePrices', {}))).toBe(true);
    expect(joined.isNameInvoked(deployedNames('prices', 'revalidate', {}))).toBe(false);
  });
  it("reads a function's own name with its deploy-time parts left open", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless variable, written as in serverless.yml
    const stageName = '${sls:stage}-store-fees';
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a Serverless variable, written as in serverless.yml
    const service = '${self:custom.app}-fees';
    expect(deployedNames('fees', 'storeFees', { name: stageName })).toEqual(['*-store-fees']);
    expect(deployedNames(service, 'storeFees', {})).toEqual(['*-fees-*-storeFees']);
  });
});
