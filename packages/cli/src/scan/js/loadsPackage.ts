// A text test before any walk: does a module load a package by name? Rules that judge one library's calls
// (wretch, actions-on-google, soap) skip the module's syntax tree when its text never imports or requires it.
import { escapeRegExp } from '../escapeRegExp.js';

const tests = new Map<string, RegExp>();

/**
 * Does `source` import (`from 'pkg'`) or require (`require('pkg')`) the package `name` itself (not a subpath)?
 * @example
 * loadsPackage("import wretch from 'wretch';", 'wretch'); // true
 * loadsPackage("import { abortAddon } from 'wretch/addons';", 'wretch'); // false
 */
export function loadsPackage(source: string, name: string): boolean {
  // Every match holds the name: one plain search rules out most texts, where the expression below is tried at
  // every position of the text (better-fetch's check, asked of every module an HTTP rule reads, cost 0.2 %).
  if (!source.includes(name)) return false;
  let test = tests.get(name);
  if (test === undefined) {
    test = new RegExp(`(?:\\bfrom\\s*|\\brequire\\(\\s*)['"\`]${escapeRegExp(name)}['"\`]`);
    tests.set(name, test);
  }
  return test.test(source);
}
