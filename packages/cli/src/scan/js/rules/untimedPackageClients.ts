// http-no-timeout for three more API client packages whose requests are unbounded unless a `timeout` is
// passed (each package's documented options; called from rules/apiClients.ts):
//
// - `web-push` (`webpush.sendNotification(subscription, payload, options)`): the README lists `timeout` among
//   the options ("the request's socket timeout"); without it the push is a plain https.request with none.
//   Reported at each send whose options are seen in full without `timeout`.
// - `@sanity/client` (`createClient(config)`, the older default export `sanityClient(config)`, and
//   `next-sanity`'s `createClient`): ClientConfig takes `timeout`; left out, a request may run five minutes,
//   past any API Gateway limit and most function timeouts. Reported at each request through a client the
//   module builds without one (`fetch`, `getDocument(s)`, the document writes, `mutate`, and the `commit()`
//   that ends a `patch(...)` or `transaction()` chain), unless the call's own options carry a timeout or signal.
// - `ipfs-http-client` and its successor `kubo-rpc-client` (`create(options)`, the older default export
//   called directly): Options `timeout` ("Amount of time until request should timeout"), none by default.
//   Reported where the client is built without one (a bare URL string counts as no options).
// better-fetch (rules/betterFetch.ts), simple-oauth2, gRPC deadlines and web3 HTTP providers
// (rules/web3Providers.ts) are read from here too.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { coverAt } from '../protection.js';
import { SourceWords } from '../SourceWords.js';
import { betterFetchClients, mentionsBetterFetch } from './betterFetch.js';
import { grpcDeadlines, mentionsGrpc } from './grpcDeadlines.js';
import type { Report } from './Report.js';
import { simpleOauth2Tokens } from './simpleOauth2.js';
import { mentionsWeb3Provider, web3Providers } from './web3Providers.js';

const SANITY_PACKAGES = new Set(['@sanity/client', 'next-sanity']);
const IPFS_PACKAGES = new Set(['ipfs-http-client', 'kubo-rpc-client']);
/** Sanity client methods that send a request; `commit` ends a patch or transaction chain. */
const SANITY_REQUESTS = new Set([
  'fetch',
  'getDocument',
  'getDocuments',
  'create',
  'createOrReplace',
  'createIfNotExists',
  'delete',
  'mutate',
  'commit',
]);

/** Does the module name one of these packages? (a text test before any walk) */
export function mentionsUntimedPackages(source: string): boolean {
  const words = SourceWords.of(source);
  return (
    words.includes('web-push') ||
    words.includes('@sanity/client') ||
    words.includes('next-sanity') ||
    words.includes('ipfs-http-client') ||
    words.includes('kubo-rpc-client') ||
    words.includes('simple-oauth2') ||
    mentionsGrpc(source) ||
    mentionsWeb3Provider(source) ||
    mentionsBetterFetch(source)
  );
}

/** Options seen in full with no `timeout` (or `signal`, where `withSignal`): absent options count as none. */
function untimedOptions(ctx: ModuleContext, arg: Node | undefined, withSignal: boolean): boolean {
  if (arg === undefined) return true;
  const value = unwrap(ctx.valueOf(arg));
  if (value?.type === 'Literal' || value?.type === 'TemplateLiteral') return true; // a URL, not options
  const props = objectProps(value);
  if (props === undefined || props.spread) return false;
  return !props.props.has('timeout') && !(withSignal && props.props.has('signal'));
}

/** Is `call` a client factory of one of `packages` (named `create`/`createClient`, or a called default export)? */
function factoryCall(ctx: ModuleContext, call: Node | undefined, packages: ReadonlySet<string>): boolean {
  const n = unwrap(call);
  if (n?.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee);
  const imp = ctx.importRoot(callee);
  if (imp === undefined || !packages.has(imp.source)) return false;
  if (callee?.type === 'Identifier') return true; // `createClient(...)`, `sanity(...)`, `ipfsClient(...)`
  const name = calleeName(n);
  return name === 'create' || name === 'createClient' || name === 'default';
}

/** The Sanity client at the root of a call chain (`client.patch(id).set(v).commit()`), built untimed here. */
function untimedSanityRoot(ctx: ModuleContext, callee: Node): boolean {
  let n: Node | undefined = unwrap(callee.object as Node);
  while (n?.type === 'CallExpression' || n?.type === 'MemberExpression') {
    n = unwrap(n.type === 'CallExpression' ? (n.callee as Node) : (n.object as Node));
  }
  if (n?.type !== 'Identifier') return false;
  const built = unwrap(ctx.valueOf(n));
  if (built === undefined || built === n || !factoryCall(ctx, built, SANITY_PACKAGES)) return false;
  return untimedOptions(ctx, (built.arguments as Node[])[0], false);
}

/**
 * Requests through web-push, a Sanity client or an IPFS HTTP client left without a timeout.
 * @example
 * untimedPackageClients(ctx, report); // reports `webpush.sendNotification(sub, payload)` with no { timeout }
 */
export function untimedPackageClients(ctx: ModuleContext, report: Report): void {
  if (!mentionsUntimedPackages(ctx.source)) return;
  simpleOauth2Tokens(ctx, report); // its own file: rules/simpleOauth2.ts
  grpcDeadlines(ctx, report); // rules/grpcDeadlines.ts
  betterFetchClients(ctx, report); // rules/betterFetch.ts
  web3Providers(ctx, report); // rules/web3Providers.ts
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    const args = call.arguments as Node[];
    if (factoryCall(ctx, call, IPFS_PACKAGES)) {
      if (untimedOptions(ctx, args[0], false) && !coverAt(ctx, call).kinds.has('timeout'))
        report(
          'http-no-timeout',
          call,
          'IPFS HTTP client built without a timeout: it sets none by default; pass { timeout } to create() (or to each call)',
        );
      continue;
    }
    const method = calleeName(call);
    if (method === undefined || callee === undefined) continue;
    if (method === 'sendNotification' && ctx.importRoot(callee)?.source === 'web-push') {
      if (untimedOptions(ctx, args[2], false) && !coverAt(ctx, call).kinds.has('timeout'))
        report(
          'http-no-timeout',
          call,
          'web-push sendNotification() has no timeout: the push is an https request with none by default; pass { timeout } in its options',
        );
      continue;
    }
    if (callee.type !== 'MemberExpression' || !SANITY_REQUESTS.has(method)) continue;
    const own = method === 'fetch' ? args[2] : method === 'commit' ? args[0] : args[1];
    if (own !== undefined && !untimedOptions(ctx, own, true)) continue;
    if (!untimedSanityRoot(ctx, callee) || coverAt(ctx, call).kinds.has('timeout')) continue;
    report(
      'http-no-timeout',
      call,
      `Sanity client ${method}() has no timeout: the client is built without one and waits up to five minutes; pass timeout in createClient's config`,
    );
  }
}
