// What a route handler's log-only catch is said to do: answer as success, or leave the request unanswered.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { routeCatchNoAnswer } from './routeCatchNoAnswer.js';

/** The message reported for the first catch clause of `source`, or undefined. */
function messageOf(source: string): string | undefined {
  const ctx = contextOf(source, 'm.js');
  let message: string | undefined;
  routeCatchNoAnswer(ctx, ctx.of('CatchClause')[0] as Node, (_rule, _node, m) => {
    message = m;
  });
  return message;
}

describe('routeCatchNoAnswer', () => {
  it.each([
    [
      'the code after the try answers as success',
      'app.post("/a", async (req, res) => { let b = 0; try { b = await get() } catch (e) { log.error(e) } res.json({ b }) })',
      'the code after it answers as if the work had succeeded',
    ],
    [
      'nothing answers after the try',
      'app.post("/a", async (req, res) => { try { await put(); res.sendStatus(204) } catch (e) { log.error(e) } })',
      'the request is never answered',
    ],
    [
      'the catch returns',
      'app.post("/a", async (req, res) => { try { await put(); return res.sendStatus(204) } catch (e) { log.error(e); return e } })',
      'the request is never answered',
    ],
  ])('%s', (_case, source, said) => {
    // Act
    const message = messageOf(source);
    // Assess
    expect(message).toContain(said);
  });

  it.each([
    // A comment that spells an answer is none: the route answers nowhere, so it is not judged (item 7).
    'app.post("/a", async (req, res) => { try { await put() } catch (e) { log.error(e) } // res.json(x)\n })',
    // A catch that answers through a chain (a pin: it is no observation, so it was never judged).
    'app.post("/a", async (req, res) => { try { await put(); res.end() } catch (e) { res.type("txt").send("no") } })',
  ])('is silent: %s', (source) => {
    expect(messageOf(source)).toBeUndefined();
  });

  it('reports a catch whose only use of res is a log line', () => {
    const source =
      'app.post("/a", async (req, res) => { try { await put(); res.end() } catch (e) { logError(e, req, res) } })';
    expect(messageOf(source)).toContain('the request is never answered');
  });

  it('takes a `$next` call as handing the error on', () => {
    // Prepare
    const source =
      'app.post("/a", async (req, res, $next) => { try { await put(); res.sendStatus(204) } catch (e) { log.error(e); const handed = $next(e) } })';
    // Act, Assess
    expect(messageOf(source)).toBeUndefined();
  });

  it('does not take a string or comment that spells res as an answer', () => {
    // Prepare: the catch only logs; `res` appears in its text but nothing answers through it.
    const source =
      'app.post("/a", async (req, res) => { try { await put(); res.sendStatus(204) } catch (e) { log.error("res not sent", e) /* res */ } })';
    // Act, Assess
    expect(messageOf(source)).toContain('the request is never answered');
  });
});
