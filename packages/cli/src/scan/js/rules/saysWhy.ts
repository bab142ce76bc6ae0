// A setting a project chose on purpose says so in a comment that belongs to it: one ending the setting's
// own line (`retryAttempts: 0, // the caller replays from the ledger`), or full-line comments directly above
// it. Such a comment is taken as the reason the value was chosen, so a value a rule would question (no
// retries, a high redrive count) is a decision rather than an oversight. A comment that belongs to something
// else is no reason: one ending a neighbouring property's line, commented-out code (`// onFailure: new
// SqsDlq(dlq),`) or a fixture's `expect:` / `trap:` label.
// iac/decidedCount.ts reads the same from template and Terraform text, which keep no comments once parsed.
import { parseSync } from 'oxc-parser';
import { type Node, numberValue } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { decidedIn } from './catchDecisionWords.js';

type Comment = ModuleContext['comments'][number];

const LABEL = /\b(?:expect|trap):\s*[a-z0-9-]+/;

/** Whether a comment's text reads as code: an object property or a statement that parses. */
function isCode(text: string): boolean {
  const parses = (source: string) => parseSync('why.ts', source).errors.length === 0;
  if (/[:(]/.test(text) && parses(`({${text}\n})`)) return true;
  return /[(=;]/.test(text) && parses(text);
}

/** A comment that can give a reason: prose, not code and not a fixture label. */
function isReason(c: Comment): boolean {
  const text = c.value.replace(/^\s*\*+/gm, '').trim();
  return /[a-z]{2}/i.test(text) && !LABEL.test(text) && !isCode(text);
}

/** Whether only whitespace stands between the comment and the ends of its lines. */
function fullLine(ctx: ModuleContext, c: Comment): boolean {
  const before = ctx.source.lastIndexOf('\n', c.start - 1) + 1;
  const after = ctx.source.indexOf('\n', c.end);
  return (
    ctx.source.slice(before, c.start).trim() === '' &&
    ctx.source.slice(c.end, after === -1 ? undefined : after).trim() === ''
  );
}

/**
 * A comment that belongs to the setting `node` (its property) gives a reason: one ending the setting's line,
 * or one of the full-line comments directly above it.
 * @example
 * saysWhy(ctx, prop) // true for `// A dropped refresh is superseded by the next click.\nretryAttempts: 0,`
 */
export function saysWhy(ctx: ModuleContext, node: Node): boolean {
  return ownComments(ctx, node).some(isReason);
}

/** A deduplication off by decision: "we don't want to deduplicate anything", "no dedup needed". */
const NO_DEDUP =
  /\b(?:don'?t|do not|not|never|no need to)(?: want| need)?(?: to)? de-?dup(?:e|licate)?\b|\bno de-?dup/i;

/**
 * A random deduplication key whose own comment (ending its line or directly above it) says the project does
 * not want deduplication: a duplicate on a retry is the decided outcome, not an oversight (random-id rule).
 * A TODO, a further negation, a question or an account of what went wrong in that clause decides nothing.
 * @example
 * decidedNoDedup(ctx, prop) // true for `// For now, we don't want to deduplicate anything.\nMessageDeduplicationId: id,`
 */
export function decidedNoDedup(ctx: ModuleContext, prop: Node): boolean {
  return ownComments(ctx, prop).some((c) => isReason(c) && decidedIn(c.value, NO_DEDUP));
}

/** The comments that belong to the setting `node`: one ending its line, or full-line ones directly above. */
function ownComments(ctx: ModuleContext, node: Node): Comment[] {
  const line = (at: number) => ctx.position(at).line;
  const own = line(node.start as number);
  const ownEnd = line(node.end as number);
  const trailing = ctx.comments.filter(
    (c) => c.start >= (node.start as number) && line(c.start) >= own && line(c.start) <= ownEnd,
  );
  // a comment after the setting that ends its line
  const ending: Comment[] = trailing.filter((c) => line(c.start) === ownEnd);
  const above: Comment[] = [];
  for (let next = own - 1; ; ) {
    const c = ctx.comments.find((k) => k.end <= (node.start as number) && line(k.end) === next);
    if (c === undefined || !fullLine(ctx, c)) break;
    above.push(c);
    next = line(c.start) - 1;
  }
  return [...ending, ...above];
}

/**
 * `key: 0` (its value node) with a comment giving the reason: the project decided not to retry.
 * @example
 * decidedZero(ctx, retry) // true for `// duplicates are worse than a lost refresh\nretryAttempts: 0,`
 */
export function decidedZero(ctx: ModuleContext, value: Node | undefined): boolean {
  if (value === undefined || numberValue(ctx.valueOf(value)) !== 0) return false;
  return saysWhy(ctx, ctx.parentOf(value) ?? value);
}
