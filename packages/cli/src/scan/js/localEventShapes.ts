// A handler typed by an event shape its own module declares (`interface DlqEvent { readonly Records:
// { readonly body: string }[] }`) says what it consumes as plainly as `SQSEvent` does: only an event
// source mapping hands Lambda `Records` whose items carry an SQS body/messageId/receiptHandle or a
// stream's kinesis/dynamodb payload (S3 and SNS records carry s3/Sns instead).

/** The text between the braces that open after `from` (balanced), or undefined. */
function braced(text: string, from: number): string | undefined {
  const open = text.indexOf('{', from);
  if (open < 0 || open - from > 200) return undefined;
  let depth = 0;
  for (let i = open; i < text.length && i - open < 4000; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return undefined;
}

const RECORD_FIELD = /\b(body|messageId|receiptHandle|kinesis|dynamodb)\s*[?!]?\s*:/;

/**
 * Does the module declare type `name` (an interface or an object type alias) with a `Records` member whose
 * items carry a queue or stream record's own fields?
 * @example
 * declaresBatchShape('interface DlqEvent { Records: { body: string }[] }', 'DlqEvent') // true
 */
export function declaresBatchShape(source: string, name: string): boolean {
  if (!source.includes('Records')) return false;
  const decl = new RegExp(`\\b(?:interface\\s+${name}\\b|type\\s+${name}\\s*=)`, 'g');
  for (const m of source.matchAll(decl)) {
    const body = braced(source, (m.index ?? 0) + m[0].length);
    const at = body?.search(/\bRecords\s*[?!]?\s*:/) ?? -1;
    if (body === undefined || at < 0) continue;
    if (RECORD_FIELD.test(body.slice(at))) return true;
  }
  return false;
}
