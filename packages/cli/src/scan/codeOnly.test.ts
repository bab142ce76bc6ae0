import { describe, expect, it } from 'vitest';
import { codeOnly } from './codeOnly.js';

describe('codeOnly', () => {
  it('blanks strings and comments, keeping offsets and line feeds', () => {
    expect(codeOnly("const a = require('./a'); // a")).toBe("const a = require('   '); //  ");
    expect(codeOnly('x /* a\nb */ y')).toBe('x /*  \n  */ y');
    // A carriage return is blanked like any other character; only the line feed stays.
    expect(codeOnly('f(); // c\r\ng();')).toBe('f(); //   \ng();');
  });

  it('reads template substitutions as code, however deeply nested', () => {
    // Written with a placeholder sign (@) swapped for `$` so the sources are plain strings.
    const t = (s: string) => s.replaceAll('@', '$');
    expect(codeOnly(t('`a@{b}c@{`d@{e}`}f`'))).toBe(t('` @{b} @{` @{e}`} `'));
    expect(codeOnly(t('`t@{ {k: 1}.k }u`'))).toBe(t('` @{ {k: 1}.k } `'));
  });

  it('blanks each UTF-16 unit of an astral character, and stops at an unterminated string or comment', () => {
    expect(codeOnly("'\u{1F600}'")).toBe("'  '");
    expect(codeOnly("x('a\\")).toBe("x('  ");
    expect(codeOnly('/* open')).toBe('/*     ');
    expect(codeOnly('plain();')).toBe('plain();');
  });
});
