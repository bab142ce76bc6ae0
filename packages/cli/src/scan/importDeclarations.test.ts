import { describe, expect, it } from 'vitest';
import { importSources, localNames, mentions, reExportSources } from './callerText.js';
import { importDeclarations, usedBeyondImports } from './importDeclarations.js';

describe('importDeclarations', () => {
  it('reads default, named, aliased, namespace and type-only bindings', () => {
    const text = [
      "import a, { b as c, d } from './x';",
      "import * as ns from '../y';",
      "import type { T } from './types';",
      "import { type U, v } from './u';",
    ].join('\n');
    expect(importDeclarations(text).map((d) => [d.source, d.locals])).toEqual([
      ['./x', ['a', 'c', 'd']],
      ['../y', ['ns']],
      ['./types', ['T']],
      ['./u', ['U', 'v']],
    ]);
  });

  it('reads a binding after a comment inside the braces, and marks a clause it cannot read', () => {
    const text = [
      'import {',
      '  // kept for the nightly job',
      '  putThumbnail,',
      "} from './previewWriter';",
      "import { a, /* legacy */ b } from './x';",
      "import { a b } from './y';",
    ].join('\n');
    expect(importDeclarations(text).map((d) => [d.locals, d.unread])).toEqual([
      [['putThumbnail'], false],
      [['a', 'b'], false],
      [[], true],
    ]);
  });

  it('does not read a side-effect import, a require, a dynamic import or a re-export as a binding', () => {
    const text = [
      "import './polyfill';",
      "const s = require('./s');",
      "const m = await import('./m');",
      "export { e } from './e';",
      "import x = require('./legacy');",
    ].join('\n');
    expect(importDeclarations(text)).toEqual([]);
  });
});

describe('usedBeyondImports', () => {
  it('is false for a class imported and never named again', () => {
    const text = "import { S3Service } from '@common/service/S3Service';\nexport const list = () => [];";
    expect(usedBeyondImports(text, ['S3Service'])).toBe(false);
  });

  it('is true when the binding is constructed, called, passed or re-exported', () => {
    const head = "import { S3Service } from './s3';\n";
    for (const use of [
      'new S3Service();',
      'S3Service.bucket();',
      'container.resolve(S3Service);',
      'export { S3Service };',
    ])
      expect(usedBeyondImports(head + use, ['S3Service'])).toBe(true);
  });

  it('backs mentions: an aliased binding only imported is no caller', () => {
    expect(mentions("import { load as fetchItem } from './items';", ['load'])).toBe(false);
    expect(mentions("import { load as fetchItem } from './items'; fetchItem(1);", ['load'])).toBe(true);
  });
});

describe('the two text readers of imports', () => {
  // What the header of importDeclarations.ts says: the same text, read for different things.
  const text = [
    "import a, { b as c } from './x';",
    "import './side';",
    "export { d as e } from './y';",
    "const f = require('./z');",
    "const g = await import('./w');",
  ].join('\n');

  it('importSources lists every loading source but a side effect; importDeclarations binding declarations only', () => {
    expect(importSources(text)).toEqual(['./x', './y', './z', './w']);
    expect(reExportSources(text)).toEqual(['./y']);
    expect(importDeclarations(text).map((d) => [d.source, d.locals])).toEqual([['./x', ['a', 'c']]]);
  });

  it('localNames takes any `name as local`, a re-export alias too', () => {
    expect(localNames(text, ['b', 'd'])).toEqual(['c', 'e']);
  });
});
