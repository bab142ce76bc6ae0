// isLogCall on a project's bare log helpers: `logError(e)` by its name, a logger module's level functions
// (`error('failed', e)`) by theirs, and not an HTTP error factory that takes a status first.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf, firstOfType } from '../testing/parsed.js';
import { isLogCall } from './catchFacts.js';

/** The first statement of a catch whose try awaits another system's call. */
const inCatch = (code: string): Node =>
  (
    (
      firstOfType(`async function h() { try { await load(); } catch (e) { ${code}; } }`, 'CatchClause')
        .body as Node
    ).body as Node[]
  )[0] as Node;

describe('isLogCall on bare calls', () => {
  it.each([
    ["logError('failed', e)"],
    ["error('Failed to get tags by path', e)"],
    ["warn('failed to warm up', i, e)"],
    ['debug({ event: "failed", e })'],
  ])('reads %s as a log line', (code) => {
    expect(isLogCall(inCatch(code))).toBe(true);
  });

  it.each([
    // SvelteKit's `error(404, ...)` throws the answer: a status first is no log line.
    ["error(500, 'Failed')"],
    ['error()'],
    ["login('user')"],
    ["log('audit', e)"],
    ["fail('failed', e)"],
  ])('does not read %s as a log line', (code) => {
    expect(isLogCall(inCatch(code))).toBe(false);
  });
});

/** isLogCall on the first statement of the module's first catch, with the module indexed as the scan does. */
const catchOf = (code: string): boolean => {
  const ctx = contextOf(code);
  const body = ((ctx.of('CatchClause')[0] as Node).body as Node).body as Node[];
  return isLogCall(body[0] as Node);
};
const tried = (call: string) => `async function h() { try { await load(); } catch (e) { ${call}; } }`;

describe('isLogCall on a bare level call the module binds', () => {
  it.each([
    [`import { error } from '../../adapters/logger';\n${tried("error('failed', e)")}`],
    [`import { warn } from '@actions/core';\n${tried("warn('failed')")}`],
    [`const { error } = require('./utils/log');\n${tried("error('failed', e)")}`],
    [`const { error } = console;\n${tried("error('failed', e)")}`],
    [`function error(line) { const l = build(line); logger.error(l); }\n${tried("error('failed')")}`],
    [`const error = (...a) => console.error(...a);\n${tried("error('failed')")}`],
    // No binding in the module: judged by its name.
    [tried("error('failed', e)")],
  ])('reads a logger level: %s', (code) => {
    expect(catchOf(code)).toBe(true);
  });

  it.each([
    // digitraffic's text-converter: the project's `error` throws.
    [`function error(t) { throw new InputError(t); }\n${tried("error('Invalid symbol')")}`],
    // daoscan's http-handler: it builds the answer.
    [`import { error } from '../shared/http-handler';\n${tried('error(e)')}`],
    [`function error(e) { return { statusCode: 500, body: e.message }; }\n${tried('error(e)')}`],
    [`import { error } from './catalog';\n${tried('error(e)')}`],
    // A callback handed in is no logger the module knows.
    [`async function g(error) { try { await load(); } catch (e) { error(e); } }`],
  ])('does not read a project function as a log line: %s', (code) => {
    expect(catchOf(code)).toBe(false);
  });
});
