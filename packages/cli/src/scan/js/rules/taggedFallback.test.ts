import { describe, expect, it } from 'vitest';
import { forEachDescendant, type Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { returnedIn, taggedFallback } from './taggedFallback.js';

/** taggedFallback for the first try of `f`: its block is the success side, its catch's returns the fallbacks. */
const judge = (helpers: string, body: string) => {
  const ctx = contextOf(`${helpers}\nasync function f(gpt) { ${body} }`);
  let tryStatement: Node | undefined;
  forEachDescendant(ctx.program, (n) => {
    if (n.type === 'TryStatement') tryStatement ??= n;
    return tryStatement === undefined;
  });
  if (tryStatement === undefined) throw new Error('no try in the case');
  const handler = tryStatement.handler as Node;
  return taggedFallback(ctx, tryStatement.block as Node, returnedIn(handler.body as Node));
};

const TAGGED = "function fallbackPersonas() { return { personas: [], source: 'fallback' }; }";
const UNTAGGED = "function fallbackContext() { return { languages: ['en-US'], business_model: 'B2C' }; }";

describe('taggedFallback', () => {
  it.each([
    [
      "a builder of the module whose answer changes the success answer's literal source",
      TAGGED,
      "try { const p = await gpt.ask(); return { personas: p, source: 'llm_inferred' } } catch (e) { return fallbackPersonas() }",
      true,
    ],
    [
      'an inline stand-in with its own mark',
      '',
      "try { const c = await gpt.ask(); return { competitors: c, source: 'llm' } } catch (e) { return { competitors: [], source: 'fallback_empty' } }",
      true,
    ],
    [
      'the success answer is the parsed reply: no literal to tell the stand-in from it',
      UNTAGGED,
      'try { const r = JSON.parse(await gpt.ask()); return r } catch (e) { return fallbackContext() }',
      false,
    ],
    [
      'the stand-in holds the same literal as the success answer: nothing marks it',
      '',
      "try { const c = await gpt.ask(); return { items: c, source: 'llm' } } catch (e) { return { items: [], source: 'llm' } }",
      false,
    ],
    [
      'the stand-in changes a key the success answer does not hold',
      '',
      "try { const c = await gpt.ask(); return { items: c, source: 'llm' } } catch (e) { return { items: [], origin: 'fallback' } }",
      false,
    ],
    [
      'a catch with no answer of its own',
      '',
      "try { const c = await gpt.ask(); return { items: c, source: 'llm' } } catch (e) { console.warn(e) }",
      false,
    ],
    [
      'a builder with one answer that is no object literal',
      "function fallbackItems(x) { if (x) return cached; return { items: [], source: 'fallback' }; }",
      "try { const c = await gpt.ask(); return { items: c, source: 'llm' } } catch (e) { return fallbackItems(e) }",
      false,
    ],
  ])('%s', (_, helpers, body, expected) => {
    // Act
    const answer = judge(helpers as string, body as string);

    // Assess
    expect(answer).toBe(expected);
  });
});
