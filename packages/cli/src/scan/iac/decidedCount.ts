// iac-missing-dlq: a redrive `maxReceiveCount` above the limit with a written reason beside it is a decision,
// as a commented `retryAttempts: 0` on a stream mapping is in CDK (js/rules/cdkEventSourceMappings.ts; saysWhy.ts
// reads that one from the syntax tree).
// Templates and Terraform keep no comments in their parsed values, so the reason is read from the text: a
// comment at the end of the count's line (`maxReceiveCount: 166 # 999 hours / 6 hours`), or comment lines
// just above it. JSON has no comments, so a JSON template never has one.

/** The text after the value on a line: a `#` or `//` comment preceded by a space (not part of a URL). */
const TRAILING = /\s(#|\/\/)\s*\S/;
/** A fixture's `expect:` / `trap:` label (as saysWhy.ts skips in CDK): a label is no reason. */
const LABEL = /(#|\/\/)\s*(?:expect|trap):\s*[a-z0-9-]+.*$/;
/** A line holding only a comment. */
const COMMENT_LINE = /^\s*(#|\/\/|\/\*|\*)/;
/** How far below the reported line the count may sit (the count itself, or the policy when that is a JSON string). */
const REACH = 8;

/**
 * Does the `maxReceiveCount` at or just below `line` (1-based) carry a written reason?
 * @example
 * countDecided(['RedrivePolicy:', '  maxReceiveCount: 166 # 999 hours / 6 hours'], 1) // true
 */
export function countDecided(lines: readonly string[], line: number): boolean {
  for (let i = line - 1; i < Math.min(lines.length, line - 1 + REACH); i++) {
    const text = lines[i] ?? '';
    const at = text.search(/maxReceiveCount/);
    if (at < 0) continue;
    if (TRAILING.test(text.slice(at).replace(LABEL, ''))) return true;
    return i > 0 && COMMENT_LINE.test(lines[i - 1] ?? '');
  }
  return false;
}
