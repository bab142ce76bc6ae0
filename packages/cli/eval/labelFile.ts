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
      const entry = text.slice(6).trim();
      parseScopeRange(entry); // a reversed range throws here, with the file's name in the caller's trace
      scope.push(entry);
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
 * Whether a repository-relative place is in a label file's scope. A scope that names a file or folder admits
 * that file or what is below the folder; one that names neither is the path prefix the format says
 * (`tf/5_sqs_` admits `tf/5_sqs_orders.tf`); `<file>:<from>-<to>` admits only those lines of a file a reader
 * could not read whole (a 3,000-line serverless.yml of which one service's functions were read). Asked
 * without a line, a ranged file is in scope (some of it was read).
 *
 * @example scopeMatcher(root, ['src/', 'serverless.yml:17-80'])('serverless.yml', 120) // false
 */
export function scopeMatcher(
  root: string,
  scope: readonly string[],
): (file: string, line?: number) => boolean {
  const ranges: { file: string; from: number; to: number }[] = [];
  const paths: string[] = [];
  for (const s of scope) {
    const r = parseScopeRange(s);
    if (r) ranges.push(r);
    else paths.push(s);
  }
  const prefixes = paths.filter((s) => !existsSync(join(root, s)));
  return (file, line) =>
    paths.some((s) => file === s || file.startsWith(s.endsWith('/') ? s : `${s}/`)) ||
    prefixes.some((s) => file.startsWith(s)) ||
    ranges.some((r) => r.file === file && (line === undefined || (line >= r.from && line <= r.to)));
}

/**
 * The file and lines of a ranged scope (`serverless.yml:17-80`), or undefined for a path scope. A range whose
 * end comes before its start throws, naming the scope, rather than admitting nothing without a word.
 *
 * @example parseScopeRange('apps/serverless.yml:536-960') // { file: 'apps/serverless.yml', from: 536, to: 960 }
 */
export function parseScopeRange(scope: string): { file: string; from: number; to: number } | undefined {
  const m = /^(.+):(\d+)-(\d+)$/.exec(scope);
  if (!m) return undefined;
  const from = Number(m[2]);
  const to = Number(m[3]);
  if (to < from) throw new Error(`scope ${scope}: the range ends (${to}) before it starts (${from})`);
  return { file: m[1] as string, from, to };
}
