import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestingBound } from './nesting.js';
import { regexLiteral } from './regexLiteral.js';

describe('nestingBound', () => {
  it.each([
    ['a parenthesis escaped in a pattern', "s = s.replace(/\\(/g, '');\n"],
    ['brackets in a character class', 'const open = /^[([{]\\s*/;\n'],
    ['a pattern after return', 'function f(s) {\n  return /\\[/.test(s);\n}\n'],
  ])('reads %s as text, so a module of many is ordinary', (_, line) => {
    // Prepare
    const source = line.repeat(1000);

    // Act
    const bound = nestingBound(source);

    // Assess
    expect(bound).toBeLessThan(10);
  });

  it("still counts a pattern's own groups, which the parser recurses on", () => {
    // Prepare
    const groups = 2000;
    const source = `const r = /${'('.repeat(groups)}a${')'.repeat(groups)}/;\n`;

    // Act
    const bound = nestingBound(source);

    // Assess
    expect(bound).toBeGreaterThan(MAX_NESTING);
  });

  it.each([
    ['division', `x = a / ${'('.repeat(2000)}1${')'.repeat(2000)} / 2;\n`],
    ['a JSX closing tag', `const P = <p>a</p>;{${'('.repeat(2000)}1${')'.repeat(2000)}}<b/>;\n`],
    ['a slash with no closing one on its line', `x = (/${'('.repeat(2000)}\n${')'.repeat(2000)});\n`],
  ])('never hides real nesting behind %s', (_, source) => {
    // Assess
    expect(nestingBound(source)).toBeGreaterThan(MAX_NESTING);
  });
});

describe('regexLiteral', () => {
  it.each([
    ['s.replace(/\\(/g, "")', 10, { end: 13, depth: 0 }],
    ['x = /(a(b))[)]/', 4, { end: 14, depth: 2 }],
    ['a = b / c / d', 6, undefined],
    ['f() / 2', 4, undefined],
    ['if (typeof /x/ === "object")', 11, { end: 13, depth: 0 }],
  ])('regexLiteral(%j, %i) is %j', (source, at, expected) => {
    // Assess
    expect(regexLiteral(source, at)).toEqual(expected);
  });
});
