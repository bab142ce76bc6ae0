// Batch handlers written for one record per invocation. A Lambda event source mapping delivers up to its
// `BatchSize` records (SQS default 10, Kinesis and DynamoDB streams 100), set where the mapping is declared;
// a handler that reads only `event.Records[0]` is written for `BatchSize: 1`. Whether that holds is known
// only where the scan sees the mapping: a template, CDK or Terraform of the scan that wires the handler to a
// queue or stream without `BatchSize: 1` makes every record after the first acknowledged unread (reported);
// with none in the scan (the mapping lives in another repository) the batch size is unknown and the code's
// own reading of one record is the best word on it (not reported). A handler that throws whenever the batch
// holds more than one record (`if (event.Records.length !== 1) throw ...`) refuses a larger batch loudly:
// the batch is redelivered and dead-lettered, nothing is lost in silence.
import { memberPath, type Node, numberValue, someDescendant, unwrap } from '../ast.js';
import { someBelow } from '../subtreeIndex.js';

/**
 * `x.Records.length` (or `x.Records?.length`) compared with nothing-left, either side: `=== 0`, `!== 0`,
 * `> 0`, `< 1`, `>= 1`, `0 === ...`, or negated, `!x.Records.length`.
 */
const EMPTINESS_GUARD =
  /!\s*[\w$.]*\.Records\s*\??\.\s*length\b(?!\s*[=!<>])|\b0\s*[=!]==?\s*[\w$.]*\.Records\s*\??\.\s*length\b|\.Records\s*\??\.\s*length\s*(?:[=!]==?\s*0|>\s*0|<\s*1|>=\s*1)(?![\d.])/g;

/**
 * The text with the emptiness guards of its `if` tests blanked. Only an `if`'s test: a `while
 * (event.Records.length > 0)` that shifts the list drains every record and is a walk (r45 batch review).
 */
function withoutIfGuards(text: string): string {
  let out = text;
  for (const m of text.matchAll(/\bif\s*\(/g)) {
    const open = (m.index ?? 0) + m[0].length;
    let depth = 1;
    let end = open;
    for (; end < text.length && depth > 0; end++) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth--;
    }
    const test = text.slice(open, end);
    const blanked = test.replace(EMPTINESS_GUARD, (g) => ' '.repeat(g.length));
    out = out.slice(0, open) + blanked + out.slice(end);
  }
  return out;
}

/** `Records[0].eventSource` (or `eventSourceARN`): a dispatch on the batch's source, not a read of its first record. */
const SOURCE_CHECK = /\.Records\s*\[\s*0\s*\]\s*\??\.\s*eventSource(?:ARN)?\b/g;

/**
 * Does the function read only the first record: `event.Records[0]`, `const [record] = event.Records`,
 * `const [{ body }] = event.Records`, `({ Records: [record] }) => ...`, and never walk the list?
 * @example
 * readsOnlyFirstRecord('const { id } = JSON.parse(event.Records[0].body)') // true
 * readsOnlyFirstRecord('if (event.Records.length === 0) return; const r = event.Records[0]') // true
 * readsOnlyFirstRecord('const records: any[] = event.Records; for (const r of records) ...') // false
 */
export function readsOnlyFirstRecord(text: string): boolean {
  // An emptiness guard (`if (!event.Records || event.Records.length === 0) return`) reads the count, not
  // the records: it walks nothing, and the handler goes on to read only the first.
  const unguarded = withoutIfGuards(text);
  const first =
    /\.Records\s*\[\s*0\s*\]/.test(text.replace(SOURCE_CHECK, '')) ||
    // A destructuring pattern, not a type annotation (`let records: any[] = event.Records`).
    /\b(?:const|let|var)\s*\[[^\]=]*\]\s*=\s*[\w$.]+\.Records\b(?!\s*[.[])/.test(text) ||
    /\bRecords\s*:\s*\[/.test(text);
  const walks =
    /\.Records\s*\.\s*(map|forEach|filter|reduce|length|entries|values)|of\s+\w+\.Records|\.Records\s*\)|=\s*[\w$.]+\.Records\s*;/.test(
      unguarded,
    );
  return first && !walks;
}

/**
 * Does the function hand its whole event to a call (`return fromQueue(event)` after a
 * `Records[0].eventSource` dispatch)? The callee may walk every record, so a `Records[0]` read beside it
 * is no proof of a one-record handler. A log line or `JSON.stringify` handed the event reads none.
 */
export function handsEventOn(fn: Node): boolean {
  const param = (fn.params as Node[] | undefined)?.[0];
  if (param?.type !== 'Identifier') return false;
  return someDescendant(fn.body as Node, (n) => {
    if (n.type !== 'CallExpression') return false;
    const callee = memberPath(unwrap(n.callee));
    if (callee !== undefined && /^(log|info|warn|error|debug|trace|stringify)$/.test(callee.at(-1) ?? ''))
      return false;
    return (n.arguments as Node[]).some(
      (a) => unwrap(a)?.type === 'Identifier' && unwrap(a)?.name === param.name,
    );
  });
}

/** `x.Records.length` compared with a number: the comparison's operator and that number, as `length op n`. */
function lengthTest(
  test: Node | undefined,
  holder: (path: readonly string[]) => boolean,
): { op: string; n: number } | undefined {
  const t = unwrap(test);
  if (t?.type !== 'BinaryExpression') return undefined;
  const isLength = (n: Node | undefined) => {
    const path = memberPath(unwrap(n));
    return path !== undefined && path.at(-1) === 'length' && holder(path.slice(0, -1));
  };
  const flip: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };
  const op = t.operator as string;
  if (isLength(t.left)) {
    const n = numberValue(unwrap(t.right));
    return n === undefined ? undefined : { op, n };
  }
  if (isLength(t.right)) {
    const n = numberValue(unwrap(t.left));
    return n === undefined ? undefined : { op: flip[op] ?? op, n };
  }
  return undefined;
}

/** Is `length op n` true for every batch of two records or more, and false for one record? */
const moreThanOne = ({ op, n }: { op: string; n: number }) =>
  ((op === '!==' || op === '!=') && n === 1) || (op === '>' && n === 1) || (op === '>=' && n === 2);

/** A `Records` list, whatever holds it (`event.Records`, `Records`). */
const recordsList = (path: readonly string[]) => path.at(-1) === 'Records';

/**
 * Does the function throw whenever its batch holds more than one record
 * (`if (event.Records.length !== 1) throw new Error('expected one record')`)? `holder` says which lists
 * count (by default any `Records`; a helper handed the list checks its own parameter).
 */
export function refusesBatches(
  fn: Node,
  holder: (path: readonly string[]) => boolean = recordsList,
): boolean {
  return someBelow(fn.body as Node, ['IfStatement'], (n) => {
    const test = lengthTest(n.test as Node, holder);
    if (test === undefined || !moreThanOne(test)) return false;
    // `if (...) throw ...` with no braces: the consequent is the throw itself.
    const then = n.consequent as Node;
    return then.type === 'ThrowStatement' || someDescendant(then, (m) => m.type === 'ThrowStatement', true);
  });
}
