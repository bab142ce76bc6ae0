// swallowed-error for fetch: fetch resolves on 4xx/5xx, so a response whose status is never looked at
// takes an error page for data.

import { escapeRegExp } from '../../escapeRegExp.js';
import { answerWrapper, isFunction, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isServerModule } from '../serverModule.js';
import { assignedBodyChecked } from './assignedBody.js';
import { bodyReceivers } from './bodyHandedOn.js';
import { bodyTested, readsDeep } from './bodyReads.js';
import { errorFieldTested } from './errorFieldTest.js';
import { FETCH_BODY_METHODS, readsFetchBody } from './fetchBodyMethods.js';

/** fetch resolves on 4xx/5xx; reading the body without checking `ok`/`status` treats an error page as data. */
export function uncheckedResponse(ctx: ModuleContext, call: Node): string | undefined {
  const { node: n, parent } = ctx.climb(call, answerWrapper);
  if (parent === undefined) return undefined;
  if (parent.type === 'ExpressionStatement' && n.type === 'AwaitExpression')
    return 'fetch() response is discarded: a 4xx/5xx answer counts as success';
  if (parent.type === 'MemberExpression' && parent.object === n && n.type !== 'AwaitExpression')
    return parent.property?.name === 'then' ? uncheckedInThen(ctx, parent) : undefined;
  if (parent.type === 'MemberExpression' && parent.object === n && n.type === 'AwaitExpression') {
    const method = parent.property?.name as string | undefined;
    if (method === 'json' && directBodyChecked(ctx, parent)) return undefined;
    if (readsFetchBody(method))
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
    // `const res = await fetch(hook, { method: 'POST' })` and `res` never used again: dropped as a statement is.
    if (!new RegExp(`\\b${escapeRegExp(name)}\\b`).test(ctx.source.slice(parent.end, fn.end)))
      return `fetch() response ${name} is never read: a 4xx/5xx answer counts as success`;
    return readUnchecked(ctx, ctx.source.slice(fn.start, fn.end), name)
      ? `fetch() response ${name} is read without checking ${name}.ok or ${name}.status`
      : undefined;
  }
  return undefined;
}

/**
 * `(await (await fetch(url)).json()).choices[0].message`, or `const schedule = await (await
 * fetch(url)).json()` then `schedule.schedules.find(...)`: the body read straight off the awaited fetch
 * is dereferenced so that an error answer throws (see readsDeep).
 */
function directBodyChecked(ctx: ModuleContext, json: Node): boolean {
  const call = ctx.parentOf(json);
  if (call?.type !== 'CallExpression' || call.callee !== json) return false;
  const { node, parent } = ctx.climb(
    call,
    (p) =>
      p.type === 'AwaitExpression' ||
      p.type === 'ParenthesizedExpression' ||
      p.type === 'TSAsExpression' ||
      p.type === 'TSTypeAssertion',
  );
  if (parent?.type === 'MemberExpression' && parent.object === node) {
    // Parentheses may not be nodes of their own: the text after the body starts after any `)`.
    const tail = ctx.source
      .slice(node.end, Math.min(ctx.source.length, parent.end + 200))
      .replace(/^[\s)]*/, '');
    return readsDeep(`__fetchBody__${tail}`, '__fetchBody__');
  }
  // `showResponse = await (await fetch(url)).json()`, assigned to a variable declared before: tested for
  // an error field (errorFieldTest.ts) as a declared one is.
  if (
    parent?.type === 'AssignmentExpression' &&
    parent.right === node &&
    parent.left?.type === 'Identifier'
  ) {
    const fn = ctx.enclosingFunction(call) ?? ctx.program;
    return (
      errorFieldTested(ctx, fn, parent.end, parent.left.name as string) ||
      assignedBodyChecked(ctx, fn, parent, parent.left.name as string)
    );
  }
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return false;
  const fn = ctx.enclosingFunction(call) ?? ctx.program;
  const text = ctx.source.slice(parent.end, fn.end);
  const body = parent.id.name as string;
  return (
    errorFieldTested(ctx, fn, parent.end, body) ||
    readsDeep(text, body) ||
    bodyTested(text, body) ||
    // Handed whole to a function of the module that reads it deep (bodyHandedOn.ts).
    bodyReceivers(ctx, fn, parent.end, body).some((r) => readsDeep(r.text, r.param))
  );
}

/**
 * `fetch(url).then((res) => res.json())`: the callback's response, read in the callback as a variable is in
 * its function. A callback handed a response it reads without a check is the same error page taken for
 * data; a chain that puts the body through a schema in the next `.then` is checked. Only in server code: a
 * browser's `fetch().then()` is no Lambda's concern.
 */
function uncheckedInThen(ctx: ModuleContext, then: Node): string | undefined {
  const call = ctx.parentOf(then);
  if (call?.type !== 'CallExpression' || call.callee !== then || !isServerModule(ctx)) return undefined;
  const callback = unwrap((call.arguments as Node[])[0]);
  const param = callback !== undefined && isFunction(callback) ? (callback.params as Node[])[0] : undefined;
  if (callback === undefined || param?.type !== 'Identifier') return undefined;
  const name = param.name as string;
  // The rest of the chain: `.then((json) => schema.parse(json))` checks the body the callback hands on.
  const { node: chain } = ctx.climb(
    call,
    (p) => p.type === 'MemberExpression' || p.type === 'CallExpression',
  );
  if (/\.\s*then\s*\([\s\S]*\.\s*(parse|parseAsync)\s*\(/.test(ctx.source.slice(call.end, chain.end)))
    return undefined;
  const body = callback.body as Node;
  return readUnchecked(ctx, ctx.source.slice(body.start, body.end), name)
    ? `fetch() response ${name} is read in .then() without checking ${name}.ok or ${name}.status`
    : undefined;
}

/** The response `name` is read (`json()`, `text()`, `body`) in `text` with no status check and no schema on its body. */
function readUnchecked(ctx: ModuleContext, text: string, name: string): boolean {
  const re = new RegExp(
    `\\b${name}\\s*(\\?\\.|\\.)\\s*(ok|status|statusCode|statusText)\\b|\\b(return|yield)\\s+${name}\\s*(;|\\)|$)|\\(\\s*${name}\\s*[,)]|\\b${name}\\s*[,)]`,
  );
  if (re.test(text)) return false;
  const reads = new RegExp(`\\b${name}\\s*\\.\\s*(${FETCH_BODY_METHODS.join('|')}|body)\\b`).test(text);
  return reads && !schemaChecked(text, name) && !readAsVerdict(ctx, text, name);
}

/**
 * The body goes through a schema that throws on any other shape (`schema.parse(json)`, zod's
 * `safeParse` with a throw on failure), or a type guard whose failure throws (`if (!isFeed(feed)) throw
 * ...`): an error page or an error JSON fails there, loudly. `JSON.parse` is no such check: an error JSON
 * parses. The body may be cast on its way out (`const data = (await response.json()) as unknown`).
 */
function schemaChecked(text: string, response: string): boolean {
  const body = new RegExp(
    `\\b(?:const|let|var)\\s+(\\w+)\\s*(?::[^=]+)?=\\s*\\(?\\s*(?:await\\s+)?${response}\\s*\\.\\s*json\\s*\\(`,
  ).exec(text)?.[1];
  if (
    body !== undefined &&
    (new RegExp(`\\bif\\s*\\(\\s*!?\\s*\\w+\\s*\\(\\s*${body}\\s*\\)\\s*\\)\\s*\\{?\\s*throw\\b`).test(
      text,
    ) ||
      bodyTested(text, body) ||
      readsDeep(text, body))
  )
    return true;
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
