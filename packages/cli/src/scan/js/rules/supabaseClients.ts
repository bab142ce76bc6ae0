// http-no-timeout for supabase-js clients (`createClient(url, key, options)` of `@supabase/supabase-js`).
// The client sends every database, storage and functions request through one fetch: the global fetch (or
// the package's node-fetch copy) unless `options.global.fetch` hands it another, and it adds no signal of its
// own. supabase-js takes no timeout option (supabase/supabase-js#623, open); the documented bound is a
// `global.fetch` that adds `AbortSignal.timeout(ms)` (supabase/supabase#26825), or a query's own
// `.abortSignal(signal)` (a client whose every query in the module passes one is silent). So a client built without a custom fetch is reported where it is built: every
// request through it inherits that fetch, and the fix goes there (as for rules/constructedClients.ts).
// A fetch the scan cannot see through (a wrapper, an import, options out of sight) is given the benefit of
// the doubt; the plain global fetch or a fetch package's own fetch handed in bounds nothing.
import { calleeName, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { unreadClient } from '../unreadClients.js';
import { holderPath, plainFetch } from './generatedClients.js';
import type { Report } from './Report.js';

const SUPABASE = '@supabase/supabase-js';

/** Does the module name supabase-js? (a text test before any walk, also the rule gate's: js/ruleGate.ts) */
export function mentionsSupabase(spells: (word: string) => boolean): boolean {
  return spells(SUPABASE);
}

/** Options seen in full that hand the client no fetch of its own (absent options count as none). */
function noOwnFetch(ctx: ModuleContext, options: Node | undefined): boolean {
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return false;
  const global = props.props.get('global');
  if (global === undefined) return true;
  const inner = objectProps(ctx.valueOf(global));
  if (inner === undefined || inner.spread) return false;
  const fetch = inner.props.get('fetch');
  return fetch === undefined || plainFetch(ctx, ctx.valueOf(fetch));
}

/** `createClient(url, key, options?)` imported (or required) from supabase-js. */
function supabaseFactory(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee as Node);
  const imp = ctx.importRoot(callee);
  if (imp?.source !== SUPABASE) return false;
  const name = callee?.type === 'MemberExpression' ? calleeName(call) : imp.imported;
  return name === 'createClient';
}

/** Does the chain begun by `call` (`db.from('a').select().eq(...)`) call `.abortSignal(...)`? */
function chainSignalled(ctx: ModuleContext, call: Node): boolean {
  for (let n = call; ; ) {
    const member = ctx.parentOf(n);
    if (member?.type !== 'MemberExpression' || member.object !== n) return false;
    const next = ctx.parentOf(member);
    if (next?.type !== 'CallExpression' || next.callee !== member) return false;
    if (calleeName(next) === 'abortSignal') return true;
    n = next;
  }
}

/** Does every query on the client kept at `path` (`db.from(...)`, `db.rpc(...)`, `db.storage...`) carry a signal? */
function everyQuerySignalled(ctx: ModuleContext, path: string[] | undefined): boolean {
  if (path === undefined) return false;
  const root = path.join('.');
  const queries = ctx.of('CallExpression').filter((q) => {
    const callee = unwrap(q.callee as Node);
    if (callee?.type !== 'MemberExpression') return false;
    // The chain's first call only (`db.from(...)`, `db.storage.from(...)`), not the calls chained on it.
    const on = memberPath(callee.object as Node);
    if (on === undefined || on.some((part) => part.endsWith('()'))) return false;
    const at = on.join('.');
    return at === root || at.startsWith(`${root}.`);
  });
  return queries.length > 0 && queries.every((q) => chainSignalled(ctx, q));
}

/**
 * supabase-js clients built on a fetch that adds no timeout.
 * @example
 * untimedSupabase(ctx, report); // reports `createClient(url, key)` from '@supabase/supabase-js'
 */
export function untimedSupabase(ctx: ModuleContext, report: Report): void {
  if (!mentionsSupabase((w) => ctx.spells(w))) return;
  for (const call of ctx.of('CallExpression')) {
    if (!supabaseFactory(ctx, call)) continue;
    if (!noOwnFetch(ctx, (call.arguments as Node[])[2])) continue;
    // Every query on this client bounded one by one (`.abortSignal(AbortSignal.timeout(ms))`).
    if (everyQuerySignalled(ctx, holderPath(ctx, call))) continue;
    // A client nothing reads sends nothing; one built under a timeout policy is bounded there.
    if (unreadClient(ctx, call) || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      'supabase-js client built on a fetch with no timeout: supabase-js adds no signal and takes no timeout option, so every query, storage or functions call through it can hang until the function times out; pass global: { fetch } that adds AbortSignal.timeout(ms)',
    );
  }
}
