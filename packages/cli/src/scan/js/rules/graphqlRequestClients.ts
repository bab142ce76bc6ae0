// http-no-timeout for graphql-request (`new GraphQLClient(url, config).request(doc, vars)`, and the
// package's own `request(url, doc, vars)` / `rawRequest`). The package sends through fetch (cross-fetch in
// v3-v5, the global fetch in v6+) and sets no timeout. Its RequestConfig is `RequestInit` (so a `signal`)
// plus a custom `fetch` and a `requestMiddleware`, any of which may bound the request; a call's options
// form (`client.request({ document, variables, signal })`) takes a signal too. The positional form
// (`request(doc, vars, headers)`) has no place for one. Config or options not seen in full are given the
// benefit of the doubt. Reported at each request, as the other API clients are (rules/apiClients.ts).
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { fieldChainValue } from './fieldAssigned.js';
import type { Report } from './Report.js';

const PACKAGE = 'graphql-request';
/** GraphQLClient methods that send a request. */
const CLIENT_SENDS = new Set(['request', 'rawRequest', 'batchRequests']);
/** The package's top-level functions that send a request (the first argument is the URL or an options object). */
const MODULE_SENDS = new Set(['request', 'rawRequest', 'batchRequests']);
/** RequestConfig / options keys that may bound the request: an abort signal, a fetch of one's own, a middleware that may add either. */
const BOUNDS = ['signal', 'fetch', 'requestMiddleware', 'timeout'];

/** May these options (seen through their binding) bound the request? Absent options do not; unseen ones may. */
function mayBound(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return false;
  const props = objectProps(ctx.valueOf(arg));
  return props === undefined || props.spread || BOUNDS.some((k) => props.props.has(k));
}

/** `new GraphQLClient(url, config)` from graphql-request behind the receiver; whether its config may bound it. */
function graphqlClient(ctx: ModuleContext, receiver: Node | undefined): { timed: boolean } | undefined {
  let built = unwrap(receiver);
  if (built?.type === 'Identifier') built = unwrap(ctx.valueOf(built));
  if (built?.type !== 'NewExpression') return undefined;
  const imp = ctx.importRoot(built.callee as Node);
  if (imp?.source !== PACKAGE) return undefined;
  return { timed: mayBound(ctx, (built.arguments as Node[])[1]) };
}

/** Is the request's first argument an options object (`{ document, signal }`) that may bound it? */
function optionsForm(ctx: ModuleContext, first: Node | undefined): boolean {
  const value = unwrap(ctx.valueOf(first));
  if (value?.type !== 'ObjectExpression') return value === undefined; // unseen: benefit of the doubt
  return mayBound(ctx, value);
}

/**
 * graphql-request sends left without a signal, custom fetch or middleware.
 * @example
 * untimedGraphqlRequests(ctx, report); // reports `client.request(mutation, vars)` on `new GraphQLClient(url, { headers })`
 */
export function untimedGraphqlRequests(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells(PACKAGE)) return;
  for (const call of ctx.of('CallExpression')) {
    const method = calleeName(call);
    if (method === undefined || !CLIENT_SENDS.has(method)) continue;
    const callee = unwrap(call.callee);
    const args = call.arguments as Node[];
    let untimed = false;
    if (callee?.type === 'MemberExpression') {
      // A client a class keeps in a field it builds once (`this.client = new GraphQLClient(url)` in the
      // constructor) is read through that assignment, as a local's would be (rules/fieldAssigned.ts).
      const client = graphqlClient(ctx, fieldChainValue(ctx, callee) ?? (callee.object as Node));
      if (client !== undefined) untimed = !client.timed && !optionsForm(ctx, args[0]);
      else {
        // `import * as gql from 'graphql-request'; gql.request(url, doc)`
        const imp = ctx.importRoot(callee);
        untimed = imp?.source === PACKAGE && imp.imported === '*' && !optionsForm(ctx, args[0]);
      }
    } else if (callee?.type === 'Identifier') {
      const imp = ctx.importOf(callee.name as string, callee);
      const name = imp?.imported === 'default' ? 'request' : imp?.imported;
      untimed =
        imp?.source === PACKAGE && name !== undefined && MODULE_SENDS.has(name) && !optionsForm(ctx, args[0]);
    }
    // A call run under a timeout policy (`pTimeout(...)`) is bounded there.
    if (!untimed || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      `graphql-request ${method}() has no timeout: it sends through fetch with none; pass a signal (AbortSignal.timeout(ms)) in the client's config or the request's options`,
    );
  }
}
