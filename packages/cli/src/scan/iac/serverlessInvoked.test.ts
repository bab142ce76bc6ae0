// Which environment variables a serverless.yml sets to a function's deployed name (variablesNaming).
import { describe, expect, it } from 'vitest';
import type { Json } from './IacResult.js';
import { variablesNaming } from './serverlessInvoked.js';

// biome-ignore lint/suspicious/noTemplateCurlyInString: Serverless Framework variables, not a template
const PREFIXED = '${self:custom.prefix}-${self:custom.triggerName}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: Serverless Framework variables, not a template
const DEFAULT = 'hooks-${sls:stage}-trigger';

const config = (provider: Record<string, Json>, functions: Record<string, Json>): Record<string, Json> => ({
  service: 'hooks',
  provider: { environment: provider },
  functions,
});

describe('variablesNaming', () => {
  it("names a provider variable written as the function's own name", () => {
    const fn = { handler: 'src/t.handler', name: PREFIXED };
    const c = config({ TRIGGER_FN: PREFIXED, TABLE: 'hooks-table' }, { trigger: fn });
    expect(variablesNaming(c, 'hooks', 'trigger', fn)).toEqual(['TRIGGER_FN']);
  });

  it("names a function's variable written as the framework's default name", () => {
    const fn = { handler: 'src/t.handler' };
    const c = config(
      {},
      { trigger: fn, router: { handler: 'src/r.handler', environment: { TRIGGER: DEFAULT } } },
    );
    expect(variablesNaming(c, 'hooks', 'trigger', fn)).toEqual(['TRIGGER']);
  });

  it('names a variable whose stage the configuration resolved, but not a longer name or another service', () => {
    const fn = { handler: 'src/t.handler' };
    // LEGACY is the default name of the function keyed `legacy-trigger`: a stage is one word.
    const c = config(
      {
        TRIGGER_FN: 'hooks-dev-trigger',
        TRIGGER_V2: 'hooks-dev-trigger-v2',
        OTHER: 'billing-dev-trigger',
        LEGACY: 'hooks-dev-legacy-trigger',
      },
      { trigger: fn, 'legacy-trigger': { handler: 'src/l.handler' } },
    );
    expect(variablesNaming(c, 'hooks', 'trigger', fn)).toEqual(['TRIGGER_FN']);
  });

  it('names nothing for a variable made of other variables alone, or for another function', () => {
    const fn = { handler: 'src/t.handler', name: PREFIXED };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Serverless Framework variables, not a template
    const other = '${self:custom.prefix}-${self:custom.otherName}';
    const c = config({ OTHER_FN: other }, { trigger: fn });
    expect(variablesNaming(c, 'hooks', 'trigger', fn)).toEqual([]);
  });
});
