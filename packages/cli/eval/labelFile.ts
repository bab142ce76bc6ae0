// The label file format `npm run scan:eval` and `npm run scan:agreement` read (documented in score.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Label {
  readonly kind: '+' | '-';
  readonly file: string;
  readonly line: number;
  readonly rule: string;
  readonly why: string;
}

/** Reads a label file; a line that is neither a comment, a scope, a rules line nor a label throws, naming it. */
export function readLabels(path: string): { scope: string[]; rules: string[]; labels: Label[] } {
  const scope: string[] = [];
  const rules: string[] = [];
  const labels: Label[] = [];
  for (const [i, raw] of readFileSync(path, 'utf8').split('\n').entries()) {
    const text = raw.trim();
    if (text === '' || text.startsWith('#')) continue;
    if (text.startsWith('scope ')) {
      scope.push(text.slice(6).trim());
      continue;
    }
    if (text.startsWith('rules ')) {
      rules.push(...text.slice(6).trim().split(/\s+/));
      continue;
    }
    const m = /^([+-])\s+(\S+):(\d+)\s+([a-z0-9-]+)\s+(.+)$/.exec(text);
    if (!m) throw new Error(`${path}:${i + 1}: not a label: ${text}`);
    labels.push({ kind: m[1] as '+' | '-', file: m[2]!, line: Number(m[3]), rule: m[4]!, why: m[5]! });
  }
  return { scope, rules, labels };
}

/**
 * Whether a repository-relative file is in a label file's scope. A scope that names a file or folder admits
 * that file or what is below the folder; one that names neither is the path prefix the format says
 * (`tf/5_sqs_` admits `tf/5_sqs_orders.tf`).
 */
export function scopeMatcher(root: string, scope: readonly string[]): (file: string) => boolean {
  const prefixes = scope.filter((s) => !existsSync(join(root, s)));
  return (file) =>
    scope.some((s) => file === s || file.startsWith(s.endsWith('/') ? s : `${s}/`)) ||
    prefixes.some((s) => file.startsWith(s));
}
