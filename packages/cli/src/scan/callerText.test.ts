import { describe, expect, it } from 'vitest';
import {
  callsName,
  commonJsPassedSources,
  importSources,
  localNames,
  namespaceWholeSources,
} from './callerText.js';
import { escapeRegExp } from './escapeRegExp.js';

/** localNames without its prefilters: the expression alone, asked of every name. */
const plainLocalNames = (text: string, names: readonly string[]): string[] =>
  names.flatMap((n) =>
    [...text.matchAll(new RegExp(`(?<![\\w$])${escapeRegExp(n)}\\s+as\\s+([\\w$]+)`, 'g'))].map(
      (m) => m[1] as string,
    ),
  );

describe('localNames', () => {
  it.each([
    ['a name that is absent', "import { save as store } from './items';", ['load'], []],
    ['a name that is present', "import { load as fetchItem } from './items';", ['load'], ['fetchItem']],
    [
      'a name spelled only with an escape',
      "import { \\u006coad as fetchItem } from './items';",
      ['load'],
      [],
    ],
    ['a name present only in a different case', "import { Load as fetchItem } from './items';", ['load'], []],
    [
      'a renamed default',
      "export { default as sqsCollector } from './collector';",
      ['default'],
      ['sqsCollector'],
    ],
    [
      'an alias across lines',
      "import {\n  load as\n    fetchItem,\n} from './items';\nfetchItem(id);",
      ['load'],
      ['fetchItem'],
    ],
    ['an alias between tabs', "import { load\tas\tfetchItem } from './items';", ['load'], ['fetchItem']],
  ])('gives what the expression alone gives for %s', (_case, text, names, expected) => {
    // Prepare
    const plain = plainLocalNames(text, names);

    // Act
    const found = localNames(text, names);

    // Assess
    expect(found).toEqual(expected);
    expect(found).toEqual(plain);
  });
});

describe('localNames of a namespace member', () => {
  it('renames the member with its namespace', () => {
    // Prepare
    const text = "import { OrganizationDomain as Domains } from '@app/db';\nawait Domains.create(v);";

    // Act / Assess
    expect(localNames(text, ['OrganizationDomain.create'])).toEqual(['Domains.create']);
    expect(callsName(text, ['Domains.create'])).toBe(true);
    expect(callsName(text, ['OrganizationDomain.create'])).toBe(false);
  });
});

describe('callsName', () => {
  it('finds member calls, awaited calls and calls in arrow bodies', () => {
    // Prepare
    const texts = [
      'await api.fetchAll({ limit: 5 })',
      'ctx.step("x", async () => fetchAll())',
      'return fetchAll(1)',
    ];

    // Act
    const found = texts.map((t) => callsName(t, ['fetchAll']));

    // Assess
    expect(found).toEqual([true, true, true]);
  });

  it('does not take a definition of the same name for a call', () => {
    // Prepare
    const texts = [
      'function fetchAll(opts) {\n  return 1;\n}',
      'class A {\n  async fetchAll(opts: Options): Promise<Page> {\n  }\n}',
      'interface Api {\n  fetchAll(opts?: Options): Promise<Page>\n}',
    ];

    // Act
    const found = texts.map((t) => callsName(t, ['fetchAll']));

    // Assess
    expect(found).toEqual([false, false, false]);
  });

  it('reads a bare call of a name the module defines itself as that local function', () => {
    // Prepare
    const local = 'const getMessage = (c) => c.next();\nawait getMessage(client);';
    const member = 'const getMessage = (c) => c.next();\nawait api.getMessage(id);';

    // Act
    const found = [callsName(local, ['getMessage']), callsName(member, ['getMessage'])];

    // Assess
    expect(found).toEqual([false, true]);
  });
});

describe('namespaceWholeSources', () => {
  it('lists a namespace handed on whole, not one read by member', () => {
    expect(namespaceWholeSources("import * as n from './n'; await n[kind](id);")).toEqual(['./n']);
    expect(namespaceWholeSources("const lib = require('./lib'); run(lib);")).toEqual(['./lib']);
    expect(namespaceWholeSources("const lib = require('./lib'); await lib.get(id);")).toEqual([]);
  });

  it('does not take the required path for a use when the binding is named after the file', () => {
    expect(
      namespaceWholeSources(
        "const s3Helper = require('./s3Helper');\nawait s3Helper.uploadLocalFile(f, key);",
      ),
    ).toEqual([]);
    expect(namespaceWholeSources("import * as orders from '../orders';\norders.list();")).toEqual([]);
    expect(namespaceWholeSources("const s3Helper = require('./s3Helper');\nhandOn(s3Helper);")).toEqual([
      './s3Helper',
    ]);
  });

  it('takes a spread of the namespace for a use of the whole module', () => {
    expect(namespaceWholeSources("const db = require('./db');\nmodule.exports = { ...db, extra };")).toEqual([
      './db',
    ]);
    expect(namespaceWholeSources("import * as api from './api';\nexport default { ...api };")).toEqual([
      './api',
    ]);
    // A member of another object that happens to share the name is not the namespace.
    expect(namespaceWholeSources("const db = require('./db');\nawait db.get(ctx.db.id);")).toEqual([]);
  });

  it('does not take the name in another module path, a string or a comment for a use', () => {
    expect(
      namespaceWholeSources(
        "const models = require('../models');\nconst mongodbClient = require('../models/mongodbClient');\nawait models.Shop.find(q);",
      ),
    ).toEqual([]);
    expect(
      namespaceWholeSources(
        "const s3 = require('./s3');\n// s3 keeps the uploads\nawait s3.put(k, `key $" +
          "{id}`);\nlog('s3 done');",
      ),
    ).toEqual([]);
    // A template's substitution is code (written apart here so that the test's own string stays plain).
    expect(namespaceWholeSources("const s3 = require('./s3');\nlog(`handing $" + '{s3}`);')).toEqual([
      './s3',
    ]);
  });
});

describe('commonJsPassedSources', () => {
  it('reads the modules a CommonJS index hands on whole: spread, under a key, or as exports.key', () => {
    const text = [
      "exports.send = require('./send');",
      "module.exports.page = require('./page');",
      "module.exports = { ...require('./a'), mail: require('./mail'), 'store': require('./store') };",
    ].join('\n');
    expect(commonJsPassedSources(text)).toEqual(['./send', './page', './a', './mail', './store']);
  });

  it('leaves a bound require, a member or call on one, and a text that exports nothing', () => {
    const text =
      "const a = require('./a');\nmodule.exports = { b: require('./b').build(), c: require('./c').c };";
    expect(commonJsPassedSources(text)).toEqual([]);
    expect(commonJsPassedSources("const x = { mail: require('./mail') };")).toEqual([]);
  });
});

describe('importSources', () => {
  it('reads a backtick specifier with no expression as a quoted one, and leaves one with an expression', () => {
    const text = "const a = require(`./a`);\nconst g = require(`\u0024{dir}/globals`);\nimport b from './b';";
    expect(importSources(text)).toEqual(['./a', './b']);
    expect(commonJsPassedSources('module.exports = { a: require(`./a`) };')).toEqual(['./a']);
  });
});
