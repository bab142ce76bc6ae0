// infra-error-as-auth at a key download: `const res = await fetch(jwksUrl); if (res.status !== 200)
// return null`. A JWKS host's 5xx, throttle or outage leaves the verifier with no keys, which reads as
// "this token is not signed by us": every valid token is rejected with 401 until the host recovers, and
// the answer names the token, not the key host.
import { type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isFalsyValue } from './authFacts.js';
import { classifyHttpCall } from './http.js';
import type { Report } from './Report.js';

/** Words of a URL (or the name holding it) that serves an issuer's public keys. */
const KEY_URL = /jwks|\bcerts\b|well-known|public.?keys?/i;

/** `!res.ok`, `res.ok === false`, `res.status !== 200`, `res.status >= 400`: the response object tested. */
const NOT_OK =
  /^!\s*\(?\s*([\w$]+)\.ok\b|^([\w$]+)\.ok\s*===?\s*false$|^([\w$]+)\.status(?:Code)?\s*(?:!==?|>=?)\s*\d+$/;

/** The HTTP call a tested response name was awaited from, when it downloads keys. */
function keyDownload(ctx: ModuleContext, test: Node): boolean {
  const text = ctx.source.slice(test.start, test.end).trim();
  const m = NOT_OK.exec(text);
  const name = m?.[1] ?? m?.[2] ?? m?.[3];
  if (name === undefined) return false;
  let found: Node | undefined;
  someDescendant(test, (n) => {
    if (n.type === 'Identifier' && n.name === name) found = n;
    return found !== undefined;
  });
  const init = unwrap(ctx.valueOf(found));
  const call = init?.type === 'AwaitExpression' ? unwrap(init.argument) : init;
  if (call?.type !== 'CallExpression' || classifyHttpCall(ctx, call) === undefined) return false;
  const url = unwrap(call.arguments[0] as Node | undefined);
  if (url === undefined) return false;
  const held = ctx.valueOf(url);
  const texts = [ctx.source.slice(url.start, url.end), held ? ctx.source.slice(held.start, held.end) : ''];
  return texts.some((t) => KEY_URL.test(t));
}

/** The statement a branch ends with: the branch itself, or a block's last statement. */
function lastOf(branch: Node): Node | undefined {
  const b = unwrap(branch) as Node;
  return b.type === 'BlockStatement' ? ((b.body as Node[]).at(-1) as Node | undefined) : b;
}

export function jwksStatusRules(ctx: ModuleContext, report: Report): void {
  if (!ctx.testSpelled(KEY_URL, ['jwks', 'certs', 'well-known', 'public'])) return;
  // If statements are not indexed by the module context: the tree is walked once, only here.
  someDescendant(ctx.program, (n) => {
    if (n.type !== 'IfStatement') return false;
    const ret = lastOf(n.consequent as Node);
    if (ret?.type !== 'ReturnStatement' || !isFalsyValue(ret.argument)) return false;
    if (!keyDownload(ctx, n.test as Node)) return false;
    report(
      'infra-error-as-auth',
      n,
      'a non-2xx answer of the key (JWKS) download, a 5xx or a throttle included, returns no keys: every token is then rejected as if forged, so a key-host outage logs every user out',
    );
    return false;
  });
}
