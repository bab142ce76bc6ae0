// Whole-text tests that several rules, or one rule per export, ask of the same module text in a row: each
// is a native search over the whole file (10 KB on average, 100 KB for a large CDK stack), so asking it
// once per export or once per rule made it cost as much as a walk of the tree.

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
