// What a module's own calls hand a helper's parameter (passedValues): read only when every use of the
// helper is such a call.
import { describe, expect, it } from 'vitest';
import type { Node } from './ast.js';
import { passedValues } from './passedArguments.js';
import { contextOf } from './testing/parsed.js';

/** The source text of what passedValues answers for the `client` read as `client.get()` in `source`. */
function passed(source: string): string[] | undefined {
  const ctx = contextOf(source, 'm.js');
  const read = ctx
    .of('CallExpression')
    .map((c) => c.callee as Node)
    .find((c) => c.type === 'MemberExpression' && (c.object as Node).name === 'client');
  const values = passedValues(ctx, (read as Node).object as Node);
  return values?.map((v) => source.slice(v.start, v.end));
}

describe('passedValues', () => {
  it.each([
    [
      'positional, two callers',
      'const use = (client, id) => client.get(id);\nexport const a = () => use(made, 1);\nexport const b = () => use(other(), 2);',
      ['made', 'other()'],
    ],
    [
      'destructured from an object argument',
      'async function use({ client, id }) { return client.get(id); }\nexport const a = () => use({ client: made, id: 1 });',
      ['made'],
    ],
    [
      'shorthand property in the call',
      'const use = ({ client }) => client.get();\nexport const a = (client2) => { const client = make(); return use({ client }); };',
      ['client'],
    ],
    ['the helper is exported', 'export const use = (client) => client.get();\nuse(made);', undefined],
    [
      'the helper is handed along',
      'const use = (client) => client.get();\nexport const a = () => use(made);\nexport const all = () => [x].map(use);',
      undefined,
    ],
    ['no caller in the module', 'const use = (client) => client.get();', undefined],
    [
      'a caller spreads its arguments',
      'const use = (client) => client.get();\nexport const a = (args) => use(...args);',
      undefined,
    ],
    [
      'a caller passes an object the key is not read from',
      'const use = ({ client }) => client.get();\nexport const a = (opts) => use(opts);',
      undefined,
    ],
  ])('%s', (_name, source, expected) => {
    expect(passed(source)).toEqual(expected);
  });
});
