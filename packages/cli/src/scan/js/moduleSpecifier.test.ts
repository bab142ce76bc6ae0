// specifierValue / requiredSpecifier: a backtick string without `${}` names a module as a quoted one does.
import { describe, expect, it } from 'vitest';
import { requiredSpecifier, specifierValue } from './moduleSpecifier.js';
import { contextOf, firstOfType } from './testing/parsed.js';

const call = (source: string) => firstOfType(source, 'CallExpression', 'm.js');

describe('requiredSpecifier', () => {
  it('reads quoted and no-expression template specifiers alike', () => {
    expect(requiredSpecifier(call("const a = require('axios');"))).toBe('axios');
    expect(requiredSpecifier(call('const a = require(`axios`);'))).toBe('axios');
  });

  it('leaves a template with an expression, another callee, or no argument unread', () => {
    expect(requiredSpecifier(call('const g = require(`\u0024{dir}/globals`);'))).toBeUndefined();
    expect(requiredSpecifier(call('const a = load(`axios`);'))).toBeUndefined();
    expect(requiredSpecifier(call('const a = require();'))).toBeUndefined();
    // A computed name is no specifier, though a property key spelled the same would be one.
    expect(requiredSpecifier(call('const a = require(name);'))).toBeUndefined();
    expect(specifierValue(firstOfType('const n = 42;', 'Literal'))).toBeUndefined();
  });

  it('makes a backtick require an import the module index knows', () => {
    const ctx = contextOf('const axios = require(`axios`);\naxios.get(url);\n', 'm.js');
    expect(ctx.importOf('axios', ctx.program)?.source).toBe('axios');
  });
});
