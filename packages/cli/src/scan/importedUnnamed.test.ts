// importedUnnamed reads a module's importers in the cheapest order (a conjunction): the answer must be the one
// of reading every importer's type-only imports first, and a shared module's importers that all name other
// exports must not each be read for their declarations.
import { describe, expect, it } from 'vitest';
import { type ImporterTexts, importedUnnamed } from './importedUnnamed.js';
import type { ImporterIndex } from './importerIndex.js';
import { WholeSources } from './wholeSources.js';

const LIB = '/p/lib.ts';
const LIB_TEXT = "export type Kind = 'a';\nexport function send() {}\nexport function other() {}\n";
const NAMES_OTHER = "import { other } from './lib';\nother();\n";
const NAMES_SEND = "import { send } from './lib';\nsend();\n";
/** Loads only the type, and spells `send` as a local of its own: no importer of the code. */
const TYPE_ONLY = "import { Kind } from './lib';\nconst send = (k: Kind) => k;\nsend('a');\n";

/** The importer texts (undefined: unreadable), each importing `./lib`, resolved against /p. */
function texts(importers: Record<string, string | undefined>): ImporterTexts & { resolves: () => number } {
  let resolves = 0;
  const all: Record<string, string | undefined> = { [LIB]: LIB_TEXT, ...importers };
  const graph = {
    importersOf: () => new Set(Object.keys(importers)),
    barrelsOf: () => new Set<string>(),
  } as unknown as ImporterIndex;
  return {
    graph,
    whole: new WholeSources(),
    resolve: (_from, source) => {
      resolves++;
      return source === './lib' ? LIB : undefined;
    },
    textOf: (file) => all[file],
    resolves: () => resolves,
  };
}

describe('importedUnnamed', () => {
  it.each([
    ['an importer naming another export', { '/p/a.ts': NAMES_OTHER }, true],
    [
      'a type-only importer spelling the name, beside one naming another export',
      { '/p/t.ts': TYPE_ONLY, '/p/a.ts': NAMES_OTHER },
      true,
    ],
    ['type-only importers alone (no importer of the code)', { '/p/t.ts': TYPE_ONLY }, false],
    ['an importer naming it after a type-only one', { '/p/t.ts': TYPE_ONLY, '/p/b.ts': NAMES_SEND }, false],
    [
      'an importer naming it after one naming another export',
      { '/p/a.ts': NAMES_OTHER, '/p/b.ts': NAMES_SEND },
      false,
    ],
    ['an unreadable importer (trap)', { '/p/a.ts': NAMES_OTHER, '/p/x.ts': undefined }, false],
  ])('%s', (_, importers, expected) => {
    // Act
    const unnamed = importedUnnamed(texts(importers), LIB, ['send']);

    // Assess
    expect(unnamed).toBe(expected);
  });

  it("reads one importer's declarations when every importer names another export", () => {
    // Prepare: a shared module with fifty importers, none calling `send`
    const many = texts(
      Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`/p/m${i}.ts`, NAMES_OTHER])),
    );

    // Act
    const unnamed = importedUnnamed(many, LIB, ['send']);

    // Assess: one importer's `./lib` (resolved for its sources and its declarations) tells the code is loaded;
    // the other 49 are read for names only
    expect(unnamed).toBe(true);
    expect(many.resolves()).toBe(2);
  });
});
