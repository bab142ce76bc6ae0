// Finding an import in a module's text without parsing it (js/ruleGate.ts): the module name is found first,
// then the words before its opening quote are read backwards.

// A regular expression that starts with `\bfrom|\brequire|\bimport` tries every position of the file and
// cost a tenth of the whole scan; searching for the module name first does not.
const SPACE = /\s/;
const WORD = /\w/;
const QUOTES = new Set(["'", '"', '`']);

function spaceBefore(source: string, end: number): number {
  let k = end;
  while (k > 0 && SPACE.test(source[k - 1] as string)) k--;
  return k;
}

/** `word` ends at `k`, with no word character right before it (`\bword`). */
function wordEndsAt(source: string, k: number, word: string): boolean {
  const start = k - word.length;
  return (
    start >= 0 && source.startsWith(word, start) && (start === 0 || !WORD.test(source[start - 1] as string))
  );
}

/**
 * The string literal opening at `quote` follows `from`, `import`, `require(` or (with `dynamic`)
 * `import(`, whitespace allowed as in `from\s*`, `require\(\s*`, `import\s*\(?\s*`.
 */
function importContext(source: string, quote: number, dynamic: boolean): boolean {
  const k = spaceBefore(source, quote);
  if (wordEndsAt(source, k, 'from') || wordEndsAt(source, k, 'import')) return true;
  if (source[k - 1] !== '(') return false;
  if (wordEndsAt(source, k - 1, 'require')) return true;
  return dynamic && wordEndsAt(source, spaceBefore(source, k - 1), 'import');
}

/**
 * `from 'http'`, `require('node:https')`, `import('https')`.
 * @example
 * importsNodeHttp("import { request } from 'node:https'"); // true
 * importsNodeHttp("const url = 'https://example.com'"); // false
 */
export function importsNodeHttp(source: string): boolean {
  for (let i = source.indexOf('http'); i !== -1; i = source.indexOf('http', i + 4)) {
    let end = i + 4;
    if (source[end] === 's') end++;
    if (!QUOTES.has(source[end] as string)) continue;
    const quote = source.startsWith('node:', i - 5) && QUOTES.has(source[i - 6] as string) ? i - 6 : i - 1;
    if (QUOTES.has(source[quote] as string) && importContext(source, quote, true)) return true;
  }
  return false;
}

/**
 * Imports, requires, dynamic imports and re-exports of an AWS SDK: `@aws-sdk/client-*` (v3), `aws-sdk`
 * and `aws-sdk/clients/*` (v2). Other mentions (`vi.mock('aws-sdk')`) bind no name a rule could follow.
 * @example
 * sdkImportCount("import { S3Client } from '@aws-sdk/client-s3'; vi.mock('aws-sdk');"); // 1
 */
export function sdkImportCount(source: string): number {
  let count = 0;
  for (let i = source.indexOf('aws-sdk'); i !== -1; i = source.indexOf('aws-sdk', i + 7)) {
    let quote: number;
    if (source[i - 1] === '@' && source.startsWith('/client-', i + 7)) quote = i - 2;
    else if (QUOTES.has(source[i + 7] as string) || source[i + 7] === '/') quote = i - 1;
    else continue;
    // `await import('@aws-sdk/client-sns')` binds clients too (moduleIndex.ts reads it as an import).
    if (QUOTES.has(source[quote] as string) && importContext(source, quote, true)) count++;
  }
  return count;
}
