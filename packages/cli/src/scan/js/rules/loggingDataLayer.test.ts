// Which exported functions and methods log every failure of their I/O and rethrow it (loggedFailures), and
// which catches state a fail-open decision in their own log line (logStatesDecision), and which tries
// importedDataCalls hands to the project pass: only one whose every call to another system is an awaited call
// of a project import. The logging-data-layer exemption (keepCandidate.ts `unlessImportsLog`) hangs on it.
import { describe, expect, it } from 'vitest';
import { type Node, someDescendant } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf as parsedContext } from '../testing/parsed.js';
import { logStatesDecision } from './loggedDecision.js';
import { importedDataCalls, loggedFailures } from './loggingDataLayer.js';

function contextOf(source: string): ModuleContext {
  return parsedContext(source, 'm.js');
}

/** loggedFailures for the module's default export. */
function defaultLogged(source: string): string[] | undefined {
  const ctx = contextOf(source);
  const value = ctx.exports.get('default');
  return value === undefined ? undefined : loggedFailures(ctx, value);
}

describe('loggedFailures', () => {
  it.each([
    [
      'a method whose catch logs through a helper of the object and throws',
      `export default {
        errorResponse(err) { console.error('DYNAMO DB ERROR', err); return { statusCode: 502 }; },
        getOne: async function (id) {
          try { return (await client.send(new GetCommand({ Key: { id } }))).Item; }
          catch (err) { const response = this.errorResponse(err); throw response; }
        },
      };`,
      ['getOne'],
    ],
    [
      'a function that logs and rethrows',
      `export default async function save(item) {
        try { await client.send(new PutCommand({ Item: item })); }
        catch (err) { logger.error('put failed', err); throw err; }
      }`,
      [''],
    ],
    [
      'a catch that throws without logging',
      `export default async function save(item) {
        try { await client.send(new PutCommand({ Item: item })); } catch (err) { throw new Error('failed'); }
      }`,
      undefined,
    ],
    [
      'I/O outside the logging try',
      `export default async function save(item) {
        await client.send(new GetCommand({ Key: item.id }));
        try { await client.send(new PutCommand({ Item: item })); } catch (err) { console.error(err); throw err; }
      }`,
      undefined,
    ],
    [
      'a catch that logs and goes on',
      `export default async function save(item) {
        try { await client.send(new PutCommand({ Item: item })); } catch (err) { console.error(err); }
      }`,
      undefined,
    ],
  ])('%s', (_, source, expected) => {
    expect(defaultLogged(source)).toEqual(expected);
  });
});

/** logStatesDecision for the module's only catch. */
function catchStates(source: string): boolean {
  const ctx = contextOf(source);
  const [handler] = ctx.of('CatchClause');
  return logStatesDecision(handler as Node);
}

describe('logStatesDecision', () => {
  it.each([
    [
      'fail-open',
      `try { await check(); } catch (e) { logger.warn('check failed: ALLOWING request (fail-open)'); }`,
      true,
    ],
    [
      'proceeding without',
      `try { await load(); } catch (e) { logger.warn('could not load models, proceeding without them:', e.message); }`,
      true,
    ],
    [
      'falling back',
      `try { await extract(); } catch (e) { logger.error('extraction failed, falling back to original messages'); }`,
      true,
    ],
    [
      'what failed only',
      `try { await load(); } catch (e) { logger.error('Error loading the budget', e); }`,
      false,
    ],
    [
      'a comment is not a log line',
      `try { await load(); } catch (e) { /* fail-open */ logger.error(e); }`,
      false,
    ],
  ])('%s', (_, source, expected) => {
    expect(catchStates(`async function f() { ${source} }`)).toBe(expected);
  });
});

/** The calls importedDataCalls names for the first try block of `source`. */
function callsOf(source: string) {
  const ctx = contextOf(source);
  // The context's node index has no try statements: walk its own program, so parents resolve.
  let block: Node | undefined;
  someDescendant(ctx.program, (n) => {
    if (n.type === 'TryStatement') block ??= n.block as Node;
    return false;
  });
  if (block === undefined) throw new Error(`no try in ${source}`);
  return importedDataCalls(ctx, block)?.map((c) => `${c.source}:${c.name}.${c.method}`);
}

describe('importedDataCalls', () => {
  it.each([
    [
      'a default-imported data layer',
      'import db from "./lib/db.js"; async function h() { try { await db.getOne(1); } catch {} }',
      ['./lib/db.js:default.getOne'],
    ],
    [
      'a named import',
      'import { addScore } from "./lib/scores.js"; async function h() { try { await addScore(1, 2); } catch {} }',
      ['./lib/scores.js:addScore.'],
    ],
    [
      'a namespace import',
      'import * as db from "./db"; async function h() { try { await db.getOne(1); } catch {} }',
      ['./db:getOne.'],
    ],
  ])('names the project imports of %s', (_, source, expected) => {
    // Act
    const calls = callsOf(source);

    // Assess
    expect(calls).toEqual(expected);
  });

  it.each([
    ['a package import', 'import got from "got"; async function h() { try { await got.get(u); } catch {} }'],
    [
      'a call of this module',
      'async function load() {} async function h() { try { await load(); } catch {} }',
    ],
  ])('names nothing for %s', (_, source) => {
    // Act
    const calls = callsOf(source);

    // Assess
    expect(calls ?? []).toEqual([]);
  });
});
