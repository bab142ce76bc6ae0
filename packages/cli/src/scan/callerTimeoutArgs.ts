// The project side of rules/callerTimeouts.ts: does some call of a helper whose request takes its timeout
// from an argument pass none? Read from the callers' text (the modules importing the helper's module and
// naming it, and the module itself), only for the few candidates that carry the condition.
import { localNames } from './callerText.js';
import { escapeRegExp } from './escapeRegExp.js';
import type { TimeoutFromCaller } from './js/rules/callerTimeouts.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';
import { TYPE_ARGUMENTS } from './typeArguments.js';

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** The top-level arguments of the call whose `(` is at `open`, as text; undefined when unbalanced. */
export function callArguments(text: string, open: number): string[] | undefined {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | undefined;
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (quote !== undefined) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (OPEN.has(c)) depth++;
    else if (CLOSE.has(c)) {
      depth--;
      if (depth === 0) {
        const last = text.slice(start, i).trim();
        if (last !== '' || args.length > 0) args.push(last);
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  return undefined;
}

/**
 * Does this argument text leave the timeout out? Absent, `undefined`, or an object literal that neither
 * names the key nor spreads anything. Anything else (a variable, a call) may carry one: not left out.
 */
function leavesOut(
  arg: string | undefined,
  key: string | undefined,
  spreadKeys?: readonly string[],
): boolean {
  if (arg === undefined || arg === '' || arg === 'undefined') return true;
  if (spreadKeys !== undefined)
    return (
      arg.startsWith('{') &&
      !arg.includes('...') &&
      !spreadKeys.some((k) => new RegExp(`(?<![\\w$])${escapeRegExp(k)}(?![\\w$])`).test(arg))
    );
  if (key === undefined || !arg.startsWith('{')) return false;
  return !arg.includes('...') && !new RegExp(`(?<![\\w$])${escapeRegExp(key)}(?![\\w$])`).test(arg);
}

/** Each call of `names` in `text` (`getToken(`, `idp.getToken(`): does it leave the timeout out? */
function callsIn(text: string, names: readonly string[], cond: TimeoutFromCaller): boolean[] {
  const all = [...names, ...localNames(text, names)];
  if (all.length === 0 || !all.some((n) => text.includes(n))) return [];
  // A method's calls read here are its class's own (`this.fetch(`): the bare name, or the name after another
  // receiver (`headers.get(`), may be another function altogether.
  const lead = cond.method === true ? '(?<=\\bthis\\s*\\.\\s*)' : '(?<![\\w$])';
  const pattern = new RegExp(`${lead}(?:${all.map(escapeRegExp).join('|')})\\s*${TYPE_ARGUMENTS}\\(`, 'g');
  const out: boolean[] = [];
  for (const m of text.matchAll(pattern)) {
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    // The definition itself (`function getToken(`, `async getToken(input) {`) is not a call.
    if (/\bfunction\s*\*?\s*$/.test(before)) continue;
    const args = callArguments(text, m.index + m[0].length - 1);
    if (args === undefined) continue;
    const after = text.slice(m.index + m[0].length - 1).match(/^\([^)]*\)\s*(?::[^={]*)?\{/);
    if (after !== null && /(?:^|[\s;{}])(?:async\s+)?$/.test(before) && !/[=(,]\s*$/.test(before)) continue;
    const arg = args[cond.arg];
    out.push(cond.untimedArgs?.includes(arg ?? '') === true || leavesOut(arg, cond.key, cond.spreadKeys));
  }
  return out;
}

/**
 * Some call of the helper passes it no timeout: kept then. No call found (a helper nobody calls, or
 * callers out of sight) is not enough.
 *
 * @example
 * callerOmitsTimeout(project, '/app/idp/client.ts', { names: ['getToken'], arg: 0, key: 'timeout' }) // true: `await getToken()`
 */
export function callerOmitsTimeout(project: Project, file: string, cond: TimeoutFromCaller): boolean {
  const found: boolean[] = [];
  const own = project.deferred.get(file) ?? readSource(file);
  if (own !== undefined && cond.local !== undefined) found.push(...callsIn(own, [cond.local], cond));
  const named = cond.names.filter((n) => n !== 'default');
  if (named.length > 0)
    for (const caller of project.eventCallers.mentioning(file, named)) {
      if (caller === file) continue;
      const text = project.deferred.get(caller) ?? readSource(caller);
      if (text !== undefined) found.push(...callsIn(text, named, cond));
    }
  return found.some((omits) => omits);
}
