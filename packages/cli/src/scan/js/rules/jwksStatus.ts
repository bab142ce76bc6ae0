// A null source of the infra-error-as-auth null flow (authNullFlow.ts) at a key download: `const res = await
// fetch(jwksUrl); if (res.status !== 200) return null`. A JWKS host's 5xx, throttle or outage leaves no keys;
// it is reported only where a caller reads that "no keys" as a deny (401/403, Deny): then every valid token
// is rejected until the host recovers. A caller answering 503 for it, or a health probe, is fine.
import { forEachDescendant, isFunction, type Node, someDescendant, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { isFalsyValue } from './authFacts.js';
import { classifyHttpCall } from './http.js';

/** Words of a URL (or the name holding it) that serves an issuer's public keys. */
const KEY_URL = /jwks|\/certs\b|openid-configuration/i;

/**
 * `!res.ok`, `res.ok === false`, `res.status !== 200`, `res.status >= 400`: the response object tested, and
 * nothing else (`!res.ok && res.status === 404` answers only a 404).
 */
const NOT_OK =
  /^!\s*\(?\s*([\w$]+)\.ok\s*\)?$|^([\w$]+)\.ok\s*===?\s*false$|^([\w$]+)\.status(?:Code)?\s*(?:!==?|>=?)\s*\d+$/;

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

/** An empty "no keys" a miss answers: `[]` or `{ keys: [] }` (truthy: only an emptiness test reads it). */
function emptyKeys(value: Node | null | undefined): boolean {
  const v = unwrap(value);
  if (v?.type === 'ArrayExpression' && (v.elements as Node[]).length === 0) return true;
  if (v?.type !== 'ObjectExpression') return false;
  const props = v.properties as Node[];
  const only = props.length === 1 ? props[0] : undefined;
  const empty = unwrap(only?.value);
  return (
    only?.type === 'Property' &&
    (only.key?.name ?? only.key?.value) === 'keys' &&
    empty?.type === 'ArrayExpression' &&
    (empty.elements as Node[]).length === 0
  );
}

/** The remote a key download's miss is reported with. */
export const KEY_DOWNLOAD = 'the key (JWKS) download';

/** A key download's miss: the `if` answering "no keys", and whether that answer is an empty set. */
export interface KeyMiss {
  readonly site: Node;
  readonly empty: boolean;
}

const keyUrlSpelled = new WeakMap<ModuleContext, boolean>();

/**
 * Does the module name a key URL at all (the cheap gate of {@link keyDownloadMiss})? Asked for each function
 * the null-flow rules follow, and a module whose words let the pattern through was searched whole each time:
 * the answer depends on the text alone, so it is kept per module.
 */
export function spellsKeyUrl(ctx: ModuleContext): boolean {
  let known = keyUrlSpelled.get(ctx);
  if (known === undefined) {
    known = ctx.testSpelled(KEY_URL, ['jwks', 'certs', 'openid']);
    keyUrlSpelled.set(ctx, known);
  }
  return known;
}

/**
 * The `if` of `fn` itself (not of a nested function) that answers a falsy value when the key download it
 * tests did not answer 2xx: what fn's callers receive as "no keys" for an outage of the key host.
 * @example
 * keyDownloadMiss(ctx, fn) // the `if (!res.ok) return null` after `const res = await fetch(jwksUrl)`
 */
export function keyDownloadMiss(ctx: ModuleContext, fn: Node): KeyMiss | undefined {
  if (!spellsKeyUrl(ctx)) return undefined;
  let found: KeyMiss | undefined;
  forEachDescendant(
    fn.body as Node,
    (n) => {
      if (found !== undefined || isFunction(n)) return false;
      if (n.type !== 'IfStatement') return true;
      const ret = lastOf(n.consequent as Node);
      if (ret?.type !== 'ReturnStatement') return true;
      const empty = emptyKeys(ret.argument);
      if ((empty || isFalsyValue(ret.argument)) && keyDownload(ctx, n.test as Node))
        found = { site: n, empty };
      return true;
    },
    true,
  );
  return found;
}
