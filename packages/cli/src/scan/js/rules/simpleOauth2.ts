// http-no-timeout for simple-oauth2 token requests. The grant classes (`AuthorizationCode`,
// `ClientCredentials`, `ResourceOwnerPassword`) take an `http` option, "default options to the internal http
// library" (@hapi/wreck), and each `getToken(params, httpOptions)` takes more; wreck's `timeout` defaults to
// none, so a token endpoint that stops answering holds the caller until the function's own limit. Reported
// at each `getToken` on a client this module builds whose options (seen in full, through local helpers)
// give `http` no `timeout`, unless the call's own http options carry one.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { optionsShape } from '../sdkOptions.js';
import type { Report } from './Report.js';

const GRANTS = new Set(['AuthorizationCode', 'ClientCredentials', 'ResourceOwnerPassword']);

/** Is this `new AuthorizationCode(...)` (or another grant class) from simple-oauth2? */
function grantClient(ctx: ModuleContext, node: Node | undefined): boolean {
  const n = unwrap(node);
  if (n?.type !== 'NewExpression') return false;
  const callee = unwrap(n.callee as Node);
  const imp = ctx.importRoot(callee);
  if (imp?.source !== 'simple-oauth2') return false;
  const name = callee?.type === 'Identifier' ? imp.imported : calleeName(n);
  return name !== undefined && GRANTS.has(name);
}

/** Do the http options hold no `timeout`? Absent counts as none; out of sight counts as timed. */
function httpUntimed(ctx: ModuleContext, http: Node | undefined): boolean {
  if (http === undefined) return true;
  const props = objectProps(ctx.valueOf(http));
  return props !== undefined && !props.spread && !props.props.has('timeout');
}

/** Is the grant client built with options seen in full whose `http` sets no timeout? */
function untimedGrant(ctx: ModuleContext, built: Node): boolean {
  const shape = optionsShape(ctx, (built.arguments as Node[])[0]);
  if (shape.unknown || shape.deferred.length > 0) return false;
  return httpUntimed(ctx, shape.props.get('http'));
}

/**
 * Token requests through a simple-oauth2 client left without an http timeout.
 * @example
 * simpleOauth2Tokens(ctx, report); // reports `await new AuthorizationCode(config).getToken({ code })` with no http.timeout
 */
export function simpleOauth2Tokens(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('simple-oauth2') || !ctx.spells('getToken')) return;
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || calleeName(call) !== 'getToken') continue;
    const built = ctx.valueOf(callee.object as Node);
    if (built === undefined || !grantClient(ctx, built) || !untimedGrant(ctx, built)) continue;
    if (!httpUntimed(ctx, (call.arguments as Node[])[1]) || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      "simple-oauth2 getToken() has no timeout: its http library (wreck) waits indefinitely by default; set http.timeout in the client options (or pass { timeout } as getToken's second argument)",
    );
  }
}
