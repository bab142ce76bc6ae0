// The entries of a Terraform map as text: a `for_each` over a map of consumers instantiates its module or
// resource once per entry, and `each.key` / `each.value` / `each.value.<field>` read that entry. A map
// written out (`{ a = { queue = aws_sqs_queue.a.arn }, b = ... }`) or projected by a plain `for`
// (`{ for k, v in <map> : k => v.queue_arn }`) splits into its entries; anything else (a function call, a
// set, a reference left unbound) does not, and its entries stay unknown.

/** One entry of a map: its key and its value's raw text. */
export interface MapEntry {
  readonly key: string;
  readonly value: string;
}

const OPEN = new Set(['{', '[', '(']);
const CLOSE = new Set(['}', ']', ')']);

/** The top-level parts of `body`, split at commas and newlines outside brackets and strings. */
function topLevelParts(body: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '\\') i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth--;
    else if (depth === 0 && (ch === ',' || ch === '\n')) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
    if (depth < 0) return undefined;
  }
  if (depth !== 0 || quoted) return undefined;
  parts.push(body.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith('#') && !p.startsWith('//'));
}

const FOR_PROJECTION =
  /^\{\s*for\s+(\w+)\s*,\s*(\w+)\s+in\s+([\s\S]+?)\s*:\s*\1\s*=>\s*\2((?:\.[\w-]+)?)\s*\}$/;

/**
 * The entries of a map expression, or undefined when its text does not spell them out.
 * @example
 * entriesOf('{ a = { types = [] }, b = { types = ["ReportBatchItemFailures"] } }')
 * // [{ key: 'a', value: '{ types = [] }' }, { key: 'b', value: '{ types = ["ReportBatchItemFailures"] }' }]
 */
export function entriesOf(raw: string): MapEntry[] | undefined {
  const text = raw.trim();
  const projection = FOR_PROJECTION.exec(text);
  if (projection !== null) {
    const field = projection[4]?.slice(1);
    const inner = entriesOf(projection[3] as string);
    if (inner === undefined || field === '') return inner;
    const values = inner.map((e) => ({ key: e.key, value: fieldOf(e.value, field as string) }));
    return values.every((e) => e.value !== undefined) ? (values as MapEntry[]) : undefined;
  }
  if (!text.startsWith('{') || !text.endsWith('}') || /^\{\s*for\s/.test(text)) return undefined;
  const parts = topLevelParts(text.slice(1, -1));
  if (parts === undefined) return undefined;
  const out: MapEntry[] = [];
  for (const part of parts) {
    const m = /^("[^"]*"|[\w-]+)\s*[=:]\s*([\s\S]+)$/.exec(part);
    if (m === null) return undefined;
    out.push({ key: (m[1] as string).replace(/^"|"$/g, ''), value: (m[2] as string).trim() });
  }
  return out;
}

/** An object's field as raw text (`{ queue = x, types = [] }`, `types` -> `[]`), or undefined. */
export function fieldOf(raw: string, field: string): string | undefined {
  return entriesOf(raw)?.find((e) => e.key === field)?.value;
}

const EACH = /\beach\.(key|value)(?:\.([\w-]+)|\["([\w-]+)"\])?/g;

/** `raw` with `each.*` read from `entry`; what the entry does not hold stays as written (unknown). */
export function eachIn(raw: string, entry: MapEntry | undefined): string {
  if (entry === undefined) return raw;
  return raw.replace(EACH, (whole, kind: string, dotted?: string, indexed?: string) => {
    if (kind === 'key') return `"${entry.key}"`;
    const field = dotted ?? indexed;
    return field === undefined ? entry.value : (fieldOf(entry.value, field) ?? whole);
  });
}
