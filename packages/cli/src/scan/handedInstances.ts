// A class's instance is often built in one module (`const svc = new SummaryService(repo)`) and handed on
// (returned from an init function, exported, set on a context object): the modules that then call its
// methods import the builder, not the class, and never name it. For the project pass's reachability such a
// call is a call of the class's method (eventCallers.ts follows one such hop).

import { escapeRegExp } from './escapeRegExp.js';

/**
 * Does the text build an instance of `owner` (`new Owner(`) that it can hand on to its importers?
 *
 * @example
 * buildsInstance('const svc = new SummaryService(repo); return { svc };', 'SummaryService') // true
 */
export function buildsInstance(text: string, owner: string): boolean {
  return text.includes(owner) && new RegExp(`\\bnew\\s+${escapeRegExp(owner)}\\s*[(<]`).test(text);
}

/**
 * Does the text call one of `names` as a method of some value (`svc.getHoldings(`, `this.svc?.getHoldings(`)?
 * A bare call `getHoldings(` is another function of the same name, not the instance's method.
 *
 * @example
 * callsMethod('await summarySrv.getHoldings(id)', ['getHoldings']) // true
 */
export function callsMethod(text: string, names: readonly string[]): boolean {
  if (names.length === 0 || !names.some((n) => text.includes(n))) return false;
  return new RegExp(
    `[\\w$)\\]]\\s*\\??\\.\\s*(?:${names.map(escapeRegExp).join('|')})\\s*(?:<[^()<>;]*>\\s*)?\\(`,
  ).test(text);
}
