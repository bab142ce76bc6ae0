// iac-missing-dlq: a `maxReceiveCount` above the limit is reported at the count itself, where its fix goes
// (a reader acts on that line, not on the queue or the policy around it). Terraform keeps an attribute's
// value as raw text starting on the attribute's line, so the count's line is found by counting the line
// breaks before it inside that text.
import type { HclAttribute } from './hcl.js';

/** `maxReceiveCount` as Terraform writes it: `maxReceiveCount = 5`, `"maxReceiveCount": 5`, `maxReceiveCount: 5`. */
const COUNT = /maxReceiveCount["']?\s*[=:]\s*"?\d+/;

/**
 * The 1-based line of the `maxReceiveCount` inside a Terraform `redrive_policy` attribute, or the attribute's
 * own line when the count is not written in it (a variable, a heredoc read elsewhere).
 * @example
 * hclCountLine({ raw: 'jsonencode({\n  deadLetterTargetArn = x\n  maxReceiveCount = 50\n})', line: 12 }) // 14
 */
export function hclCountLine(attr: HclAttribute): number {
  const at = attr.raw.search(COUNT);
  if (at < 0) return attr.line;
  let breaks = 0;
  for (let i = 0; i < at; i++) if (attr.raw[i] === '\n') breaks++;
  return attr.line + breaks;
}
