// The YAML parser (the `yaml` package), loaded on first use: a scan of code alone never needs it. The
// package is some 74 CommonJS files, and resolving, reading and wrapping them one by one cost about 40 ms
// of CPU in every scan that reads a template or a pnpm workspace; the same code as one file
// (dist/scan/yaml.bundle.cjs, written by scripts/bundleScan.mjs) loads in about 12. This module sits in
// dist/scan/ beside the scan's bundles, so one relative URL names that file from here and from them.
// Sources run under tsx or vitest, and a build without the bundling step, have no such file and load
// the package itself: the same code either way.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type * as YamlLibrary from 'yaml';

let library: typeof YamlLibrary | undefined;

/**
 * The `yaml` package, from its one-file build when the build wrote it (see above); loaded once.
 *
 * @example
 * const { parse } = yamlLibrary();
 * parse('packages:\n  - apps/*') // { packages: ['apps/*'] }
 */
export function yamlLibrary(): typeof YamlLibrary {
  library ??= yamlFrom(import.meta.url);
  return library;
}

/**
 * The `yaml` package as loaded from the module at `base` (a URL): the `yaml.bundle.cjs` beside it when
 * there is one, else the package itself.
 *
 * @example
 * yamlFrom(import.meta.url).parseDocument('a: 1').toJS() // { a: 1 }
 */
export function yamlFrom(base: string): typeof YamlLibrary {
  const require = createRequire(base);
  const bundle = new URL('./yaml.bundle.cjs', base);
  const fromBundle = bundle.protocol === 'file:' && existsSync(fileURLToPath(bundle));
  return require(fromBundle ? fileURLToPath(bundle) : 'yaml') as typeof YamlLibrary;
}
