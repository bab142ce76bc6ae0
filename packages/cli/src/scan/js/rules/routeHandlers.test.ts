import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { routeWork } from './routeHandlers.js';

/** routeWork for the first `mark(` statement in `source`, below a serverless-http import unless `bare`. */
function marked(source: string, bare = false): boolean {
  const ctx = contextOf(
    bare ? source : `const serverless = require('serverless-http');\n${source}`,
    'controller.js',
  );
  const stmt = ctx
    .of('ExpressionStatement')
    .find((s) => ctx.source.slice(s.start, s.end).startsWith('mark('));
  if (stmt === undefined) throw new Error('no mark() statement');
  return routeWork(ctx, stmt);
}

describe('routeWork', () => {
  it('is true directly inside a (req, res) function that answers through res', () => {
    expect(marked('const f = async (req, res) => { mark(); return res.status(200).json({}); };')).toBe(true);
    expect(marked('async function f(request, response, next) { mark(); response.send("ok"); }')).toBe(true);
  });

  it('is false for a chain that carries the answer or hands failures to next', () => {
    expect(marked('const f = (req, res) => { mark(id).then((x) => res.json(x)); };')).toBe(false);
    expect(marked('const f = (req, res, next) => { mark(id).then(() => 1).catch(next); res.end(); };')).toBe(
      false,
    );
  });

  it('is false in a callback inside the route, and in functions that do not answer through res', () => {
    expect(marked('const f = async (req, res) => { s.on("end", () => { mark(); }); res.json({}); };')).toBe(
      false,
    );
    expect(marked('const f = async (req, res) => { mark(); return { ok: true }; };')).toBe(false);
    expect(marked('const f = async (event, context) => { mark(); };')).toBe(false);
  });

  it('is false where no Lambda adapter serves the module, or where it listens on a port itself', () => {
    const route = 'const f = async (req, res) => { mark(); return res.status(200).json({}); };';
    expect(marked(route, true)).toBe(false);
    expect(marked(`${route} app.listen(3000);`)).toBe(false);
  });

  it('judges a statement that only mentions res or next without answering through them', () => {
    // A read of `res.locals`, a string or a comment that spells `res`, or `next` in a string is no answer.
    expect(marked('const f = async (req, res) => { mark(res.locals.user.email); res.json({}); };')).toBe(
      true,
    );
    expect(marked('const f = async (req, res) => { mark("res sent"); res.json({}); };')).toBe(true);
    expect(marked('const f = async (req, res, next) => { mark(/* res */ "next"); res.json({}); };')).toBe(
      true,
    );
    // Pins, not red checks (the text reading of round 47 excused these too): `$next` handed on, res handed on.
    expect(marked('const f = async (req, res, $next) => { mark(id).catch($next); res.json({}); };')).toBe(
      false,
    );
    expect(marked('const f = async (req, res) => { mark(id).then((x) => send(res, x)); res.end(); };')).toBe(
      false,
    );
  });

  it('reads the class boundary from the tree: chains and objects answer, a log line or a callback`s own res does not', () => {
    // Red checks (review r48 cleanup, items 2-5): each flipped under one of the round-48 readings.
    expect(
      marked('const f = async (req, res) => { mark(id).then((t) => res.cookie("t", t).json({})); };'),
    ).toBe(false);
    expect(
      marked('const f = async (req, res) => { mark(id).then((x) => reply({ res, x })); res.end(); };'),
    ).toBe(false);
    expect(
      marked('const f = async (req, res) => { mark(id).then(() => logError(id, res)); res.end(); };'),
    ).toBe(true);
    expect(
      marked('const f = async (req, res) => { mark(u).then((res) => res.json()).then(save); res.end(); };'),
    ).toBe(true);
  });
});
