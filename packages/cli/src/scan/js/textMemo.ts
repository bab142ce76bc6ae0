// Whole-text tests that several rules, or one rule per export, ask of the same module text in a row: each
// is a native search over the whole file (10 KB on average, 100 KB for a large CDK stack), so asking it
// once per export or once per rule made it cost as much as a walk of the tree.

import type { ModuleContext } from './ModuleContext.js';

/**
 * `test`, remembering its answer for the last text it was asked about. Modules are analysed one after
 * another, so the rules of one module ask about the same string; another text (even an equal one) is
 * simply asked again. The answer depends only on the text, so remembering it cannot change a finding.
 */
export function lastTextMemo(test: (text: string) => boolean): (text: string) => boolean {
  let lastText: string | undefined;
  let lastAnswer = false;
  return (text) => {
    if (text !== lastText) {
      lastAnswer = test(text);
      lastText = text;
    }
    return lastAnswer;
  };
}

/**
 * `test`, remembering its answer per module context: for tests asked once per export or per node of a
 * module, where a helper module's context asking in between would evict lastTextMemo's one text. The
 * answer depends only on the context's text, so remembering it cannot change a finding.
 *
 * @example
 * const namesKeys = contextMemo((ctx) => ctx.testSpelled(KEY_TEXT, KEY_TEXT_WORDS));
 */
export function contextMemo(test: (ctx: ModuleContext) => boolean): (ctx: ModuleContext) => boolean {
  const answers = new WeakMap<ModuleContext, boolean>();
  return (ctx) => {
    let answer = answers.get(ctx);
    if (answer === undefined) {
      answer = test(ctx);
      answers.set(ctx, answer);
    }
    return answer;
  };
}
