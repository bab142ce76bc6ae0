// swallowed-error for fetch: fetch resolves on 4xx/5xx, so a response whose status is never looked at
// takes an error page for data.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';

/** fetch resolves on 4xx/5xx; reading the body without checking `ok`/`status` treats an error page as data. */
export function uncheckedResponse(ctx: ModuleContext, call: Node): string | undefined {
  const { node: n, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression' || p.type === 'TSAsExpression',
  );
  if (parent === undefined) return undefined;
  if (parent.type === 'ExpressionStatement' && n.type === 'AwaitExpression')
    return 'fetch() response is discarded: a 4xx/5xx answer counts as success';
  if (parent.type === 'MemberExpression' && parent.object === n && n.type === 'AwaitExpression') {
    const method = parent.property?.name as string | undefined;
    if (method === 'json' || method === 'text' || method === 'arrayBuffer' || method === 'blob')
      return `fetch() body read with .${method}() without checking response.ok: an error page becomes data`;
    return undefined;
  }
  if (
    parent.type === 'VariableDeclarator' &&
    parent.id?.type === 'Identifier' &&
    n.type === 'AwaitExpression'
  ) {
    const name = parent.id.name as string;
    const fn = ctx.enclosingFunction(call) ?? ctx.program;
    const text = ctx.source.slice(fn.start, fn.end);
    const re = new RegExp(
      `\\b${name}\\s*(\\?\\.|\\.)\\s*(ok|status|statusCode|statusText)\\b|\\b(return|yield)\\s+${name}\\s*(;|\\)|$)|\\(\\s*${name}\\s*[,)]|\\b${name}\\s*[,)]`,
    );
    if (re.test(text)) return undefined;
    const reads = new RegExp(`\\b${name}\\s*\\.\\s*(json|text|arrayBuffer|blob|body)\\b`).test(text);
    return reads && !schemaChecked(text, name) && !readAsVerdict(ctx, text, name)
      ? `fetch() response ${name} is read without checking ${name}.ok or ${name}.status`
      : undefined;
  }
  return undefined;
}

/**
 * The body goes through a schema that throws on any other shape (`schema.parse(json)`, zod's
 * `safeParse` with a throw on failure): an error page or an error JSON fails there, loudly. `JSON.parse`
 * is no such check: an error JSON parses.
 */
function schemaChecked(text: string, response: string): boolean {
  const body = new RegExp(
    `\\b(?:const|let|var)\\s+(\\w+)\\s*(?::[^=]+)?=\\s*(?:await\\s+)?${response}\\s*\\.\\s*json\\s*\\(`,
  ).exec(text)?.[1];
  const direct = `await\\s+${response}\\s*\\.\\s*json\\s*\\(\\s*\\)`;
  const argument = body === undefined ? direct : `(?:${direct}|${body}\\b)`;
  const parse = new RegExp(
    `(?<!\\bJSON)\\.(parse|parseAsync|safeParse|safeParseAsync)\\s*\\(\\s*${argument}`,
  ).exec(text);
  if (parse === null) return false;
  return !parse[1]?.startsWith('safe') || /\bthrow\b/.test(text.slice(parse.index));
}

/** The boolean a verification service answers with (`{ success: true, score: 0.9 }` from a captcha check). */
const VERDICT = 'success|valid|verified';

/**
 * The body is a verdict its reader must find true to go on: `const { success } = await r.json()`, a read of
 * `data.success`, or the body returned as a type the module declares with `success: boolean` (a captcha's
 * `siteverify` answers 200 with `success: false` for a refused token). An error answer has no `success:
 * true`, so it reads as a refusal: the check fails closed, and nothing passes for success.
 */
function readAsVerdict(ctx: ModuleContext, text: string, response: string): boolean {
  const declared = new RegExp(
    `\\b(?:const|let|var)\\s+(\\{[^}]*\\}|\\w+)\\s*(?::[^=]+)?=\\s*\\(?\\s*await\\s+${response}\\s*\\.\\s*json\\s*\\(\\s*\\)\\s*\\)?(?:\\s+as\\s+(\\w+))?`,
  ).exec(text);
  if (declared === null) return false;
  const [, target = '', cast] = declared;
  if (target.startsWith('{')) return new RegExp(`[{,]\\s*(?:${VERDICT})\\s*[,}:]`).test(target);
  if (new RegExp(`\\b${target}\\s*\\??\\.\\s*(?:${VERDICT})\\b`).test(text)) return true;
  const returned =
    new RegExp(`\\breturn\\s+${target}\\s+as\\s+(\\w+)`).exec(text)?.[1] ??
    cast ??
    (new RegExp(`\\breturn\\s+${target}\\s*;`).test(text)
      ? /\)\s*:\s*Promise<(\w+)>/.exec(text)?.[1]
      : undefined);
  return returned !== undefined && declaresVerdict(ctx.source, returned);
}

/** `interface T { success: boolean; ... }` or `type T = { success: boolean ... }` in the module. */
function declaresVerdict(source: string, type: string): boolean {
  const body = new RegExp(`\\b(?:interface\\s+${type}\\b[^{]*|type\\s+${type}\\s*=\\s*)\\{([^}]*)\\}`).exec(
    source,
  )?.[1];
  return body !== undefined && new RegExp(`(?:^|[\\s;,])(?:${VERDICT})\\s*:\\s*boolean\\b`).test(body);
}
