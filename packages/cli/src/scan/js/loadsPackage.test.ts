// The text test that lets one library's rules skip a module: the package itself, imported or required.
import { describe, expect, it } from 'vitest';
import { loadsPackage } from './loadsPackage.js';

describe('loadsPackage', () => {
  it.each([
    ['an ES import', "import wretch from 'wretch';", 'wretch'],
    ['a require', 'const soap = require("soap");', 'soap'],
    ['a template-literal require', 'const g = require(`actions-on-google`);', 'actions-on-google'],
  ])('%s loads the package', (_what, source, name) => {
    expect(loadsPackage(source, name)).toBe(true);
  });

  it.each([
    ['a subpath', "import { abortAddon } from 'wretch/addons';", 'wretch'],
    ['a longer name', "import x from 'wretch-middlewares';", 'wretch'],
    ['a mention in prose', '// wretch is not used here', 'wretch'],
    ['a metacharacter taken literally', "import x from 'soap';", 'so.p'],
  ])('%s does not', (_what, source, name) => {
    expect(loadsPackage(source, name)).toBe(false);
  });
});
