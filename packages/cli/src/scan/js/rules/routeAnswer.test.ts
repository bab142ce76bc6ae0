// What answers an Express route: an answering call on res, res handed on, next used; not a mention.
import { describe, expect, it } from 'vitest';
import { forEachDescendant, isFunction, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { answerStart, answersRoute, nextParam } from './routeAnswer.js';

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
    // A chain started by a method that does not answer still reaches one (review r48 cleanup, item 2).
    'res.type("text/xml").send(x);',
    'res.set("x-id", id).json(x);',
    'mark(id).then((t) => res.cookie("t", t).json({ ok: true }));',
    'res.header("x", 1).status(200).json(x);',
    'res.contentType("json").status(500).send(x);',
    'res.setHeader("x", 1).status(200).json(x);',
    'res.writeHead(200).end();',
    // res handed on inside an object or array (item 3).
    'mark(id).then((x) => reply({ res, x }));',
    'sendResponse({ res, status: 500, body });',
    'respond([req, res]);',
    'promise.then(ok, next);',
  ])('answers: %s', (body) => {
    expect(answers(body)).toBe(true);
  });

  it.each([
    'sendMail(res.locals.user.email);',
    'log.info("res sent"); /* res */',
    'res.set("x-id", id);',
    'const { next: later } = page;',
    'iterator.next();',
    // A log line handed res or next observes; it answers nothing (item 4).
    'console.error(e, res);',
    'logError(err, req, res);',
    'logger.error(e, { next });',
    // A callback's own `res` is a fetch's response, not the route's (item 5).
    'fetch(url).then((res) => res.json()).then(save);',
    'fetch(url).then(function (r) { const res = r; return res.json(); });',
  ])('does not answer: %s', (body) => {
    expect(answers(body)).toBe(false);
  });

  it('names next only when the third parameter is a plain identifier', () => {
    const ctx = contextOf('const f = (req, res, { next }) => {}; const g = (req, res, $next) => {};', 'm.js');
    const [f, g] = functions(ctx) as [Node, Node];
    expect(nextParam(f)).toBeUndefined();
    expect(nextParam(g)).toBe('$next');
  });

  it('answerStart finds the first answering call, not a comment that spells one (item 7)', () => {
    const ctx = contextOf(
      'const f = (req, res) => { put(); /* res.json(x) */ res.type("x").send(y); };',
      'm.js',
    );
    const fn = functions(ctx)[0] as Node;
    expect(answerStart(ctx, fn.body as Node, 'res')).toBe(ctx.source.indexOf('res.type'));
    const silent = contextOf('const f = (req, res) => { put(); // res.json(x)\n };', 'm.js');
    expect(answerStart(silent, functions(silent)[0]?.body as Node, 'res')).toBe(-1);
  });
});
