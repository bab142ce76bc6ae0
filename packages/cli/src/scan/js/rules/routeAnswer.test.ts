// What answers an Express route: an answering call on res, res handed on, next used; not a mention.
import { describe, expect, it } from 'vitest';
import { forEachDescendant, isFunction, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { answersRoute, nextParam } from './routeAnswer.js';

/** The module's functions, in walk order. */
function functions(ctx: ReturnType<typeof contextOf>): Node[] {
  const out: Node[] = [];
  forEachDescendant(ctx.program, (n) => {
    if (isFunction(n)) out.push(n);
    return true;
  });
  return out;
}

/** answersRoute for the first statement of the route `(req, res, next) => { <body> }`. */
function answers(body: string): boolean {
  const ctx = contextOf(`const f = (req, res, next) => { ${body} };`, 'm.js');
  const fn = functions(ctx)[0] as Node;
  const stmt = (fn.body.body as Node[])[0] as Node;
  return answersRoute(ctx, stmt, 'res', nextParam(fn));
}

describe('answersRoute', () => {
  it.each([
    'res.status(500).json({ error: e.message });',
    'return res?.send("ok");',
    'find().then((x) => res.json(x));',
    'sendError(res, e);',
    'stream.pipe(res);',
    'find().catch(next);',
    'next(e);',
  ])('answers: %s', (body) => {
    expect(answers(body)).toBe(true);
  });

  it.each([
    'sendMail(res.locals.user.email);',
    'log.info("res sent"); /* res */',
    'res.set("x-id", id);',
    'const { next: later } = page;',
    'iterator.next();',
  ])('does not answer: %s', (body) => {
    expect(answers(body)).toBe(false);
  });

  it('names next only when the third parameter is a plain identifier', () => {
    const ctx = contextOf('const f = (req, res, { next }) => {}; const g = (req, res, $next) => {};', 'm.js');
    const [f, g] = functions(ctx) as [Node, Node];
    expect(nextParam(f)).toBeUndefined();
    expect(nextParam(g)).toBe('$next');
  });
});
