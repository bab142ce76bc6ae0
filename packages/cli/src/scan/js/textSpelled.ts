// The words exportFacts asks of a module's whole text before it looks at an export. They were asked once
// per export, and a configuration model with a hundred exports and 300 kB of text searched it a hundred
// times for a word it does not hold; the answers depend only on the text, so each is read at most once per
// module, and only when an export asks (a module whose exports never reach a test never searches for it).

/**
 * A memoised test of `source`: does it spell `word` (a string, or a pattern tested against the text)?
 *
 * @example
 * const spelled = textSpelled('for (const r of event.Records) {}');
 * spelled('.Records') // true, and the text is not searched for it again
 */
export function textSpelled(source: string): (word: string | RegExp) => boolean {
  const answers = new Map<string | RegExp, boolean>();
  return (word) => {
    let answer = answers.get(word);
    if (answer === undefined) {
      answer = typeof word === 'string' ? source.includes(word) : word.test(source);
      answers.set(word, answer);
    }
    return answer;
  };
}
