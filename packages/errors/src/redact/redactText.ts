// Text a dependency or a thrown error controls ends up in log lines, probe reasons and terminals. Three
// things must never pass through: credentials (URL userinfo, query strings, `token=` pairs, bearer
// tokens), control characters (ANSI escapes and CR/LF forge terminal rows and log lines), and unbounded
// length.

/**
 * The longest text {@link redactText} returns unless told otherwise.
 *
 * @example
 * ```ts
 * import { DEFAULT_REDACT_MAX_LENGTH, redactText } from '@bulwark/errors';
 * redactText(body, DEFAULT_REDACT_MAX_LENGTH / 4);
 * ```
 */
export const DEFAULT_REDACT_MAX_LENGTH = 1_000;

const REDACTED = '[redacted]';
// scheme://user:pass@host/path?query#fragment: keep scheme, host and path; drop the rest.
const URL_PATTERN =
  /\b([a-z][a-z0-9+.-]{1,20}:\/\/)(?:[^\s/?#@]*@)?([^\s/?#]*)([^\s?#]*)(?:\?[^\s#]*)?(?:#\S*)?/gi;
// key=value / key: value pairs whose key names a secret.
const SECRET_PAIR =
  /\b([\w-]*(?:token|secret|passw(?:or)?d|pwd|api[-_]?key|apikey|access[-_]?key|private[-_]?key|credential|signature|session|auth(?:orization)?|cookie|x-amz-security-token)[\w-]*)(["']?\s*[=:]\s*["']?)(?:bearer\s+|basic\s+)?[^\s"'&,;)}\]]+/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
// Things that look like AWS access key ids and JWTs, wherever they stand.
const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g;
// C0 and C1 controls, DEL, and the bidi overrides that reorder what a terminal shows.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINES = /[\n\r]/g;

/**
 * Makes text safe to write where a stranger may read it: URL query strings, fragments and userinfo are
 * removed, secret-looking `key=value` pairs, bearer tokens, AWS access key ids and JWTs are replaced by
 * `[redacted]`, control characters are escaped (`\u001b`), and the text is cut at `maxLength`.
 *
 * @param text - any text; a non-string is described, never printed.
 * @param maxLength - default {@link DEFAULT_REDACT_MAX_LENGTH}.
 * @param options.multiline - keep `\n` (stacks); otherwise line breaks are escaped too.
 *
 * @example
 * ```ts
 * import { redactText } from '@bulwark/errors';
 * redactText('GET https://api.example.com/v1/users?api_key=abc failed');
 * // 'GET https://api.example.com/v1/users failed'
 * redactText('\u001b[2Jclosed\r\nedna closed'); // '\\u001b[2Jclosed\\r\\nedna closed'
 * ```
 */
export function redactText(
  text: unknown,
  maxLength: number = DEFAULT_REDACT_MAX_LENGTH,
  options: { readonly multiline?: boolean } = {},
): string {
  if (typeof text !== 'string') return '';
  // Work on a bounded slice: the patterns are linear, but a megabyte message is never worth reading.
  let out = text.length > maxLength * 4 ? text.slice(0, maxLength * 4) : text;
  out = out
    .replace(URL_PATTERN, (_m, scheme: string, host: string, path: string) => `${scheme}${host}${path}`)
    .replace(SECRET_PAIR, (_m, key: string, sep: string) => `${key}${sep}${REDACTED}`)
    .replace(BEARER, (_m, kind: string) => `${kind} ${REDACTED}`)
    .replace(AWS_KEY_ID, REDACTED)
    .replace(JWT, REDACTED)
    .replace(CONTROL, escapeControl);
  if (options.multiline !== true) out = out.replace(NEWLINES, escapeControl);
  const limit = Math.max(1, Math.floor(maxLength));
  return out.length > limit ? `${out.slice(0, limit - 1)}…` : out;
}

function escapeControl(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
