// http-no-timeout for API client packages that send their requests with no timeout unless told to (the
// catalogue of what each package does by default is in rules/thirdPartyClients.ts). Reported at each
// request (an axios instance the module creates is reported at its creation instead, rules/http.ts; these
// clients are often configured out of sight, and their labels so far sit at the calls). Their sends are POSTs that create something (an email, a message), so `no-retry` asks nothing.
//
// - `@sendgrid/mail` (`sgMail.send(msg)`, `sendMultiple`) and `@sendgrid/client` (`client.request(req)`):
//   the client's default request (packages/client/src/classes/client.js) sets no timeout, so axios waits
//   forever; `setTimeout(ms)` (mail.d.ts: "Set the default request timeout") or
//   `setDefaultRequest('timeout', ms)` bound it. The singleton is configured once per process: only a
//   module that configures it itself (`setApiKey`) is judged, since one configured elsewhere may carry a
//   timeout the scan does not see.
// - `@slack/webhook` (`new IncomingWebhook(url, defaults).send(...)`): IncomingWebhookDefaultArguments
//   takes a `timeout`, none by default (docs.slack.dev, @slack/webhook reference).
// - Octokit (`@octokit/rest`, `@octokit/core`, `octokit`): `new Octokit({ auth })` sends through fetch with
//   no timeout (@octokit/rest's defaults named `timeout: 0`; later versions take `request: { timeout }` or
//   `request: { signal }` and set none), and @octokit/rest adds no retry plugin (dist-src/index.js:
//   request log, endpoint methods, paginate). A `request` in the client's options or the call's is a bound.
//   Which client a call goes through (a plugin class, a parameter typed `Octokit`): rules/octokitClients.ts.
// - GOV.UK Notify's `notifications-node-client` (`new NotifyClient(key).sendEmail(...)`): axios with no
//   timeout unless `setClient(axios.create({ timeout }))`; rules/notifyClients.ts.
// - `soap` (`const client = await soap.createClientAsync(wsdl); await client.GetQuoteAsync(args)`): node-soap's
//   HttpClient (src/http.ts) sends through `options.request || axios.create()`, no timeout; the call's own
//   options are merged into the axios config, so `client.GetQuoteAsync(args, { timeout })` bounds it, and a
//   client built with its own `request` instance is given the benefit of the doubt.
import { calleeName, type Node, objectProps, unwrap } from '../ast.js';
import { factoryBuilt } from '../factoryBuilt.js';
import type { ModuleContext } from '../ModuleContext.js';
import { mergedProps } from '../mergedOptions.js';
import { coverAt } from '../protection.js';
import { untimedConstructedClients } from './constructedClients.js';
import { untimedGemini } from './geminiClients.js';
import { untimedGeneratedClients } from './generatedClients.js';
import { untimedNestHttp } from './nestHttp.js';
import { untimedNotifySend } from './notifyClients.js';
import { octokitClient } from './octokitClients.js';
import { domainSpreads } from './octokitParams.js';
import type { Report } from './Report.js';
import { untimedSmarthome } from './smarthomeClients.js';
import { untimedSupabase } from './supabaseClients.js';
import { untimedPackageClients } from './untimedPackageClients.js';
import { untimedWretch } from './wretchClients.js';

const SENDGRID_SENDS: Readonly<Record<string, ReadonlySet<string>>> = {
  '@sendgrid/mail': new Set(['send', 'sendMultiple']),
  '@sendgrid/client': new Set(['request']),
};
const SENDGRID_TIMED = /\.setTimeout\(|\.setDefaultRequest\(\s*['"`]timeout['"`]/;

/**
 * Does the module name one of the packages this rule reads? (a text test before any walk)
 */
function mentions(ctx: ModuleContext): boolean {
  return (
    ctx.spells('@sendgrid/') ||
    ctx.spells('@slack/webhook') ||
    ctx.spells('octokit') ||
    ctx.spells('notifications-node-client') ||
    // Every match holds `soap`: the word index rules most modules out before a search at every position.
    (ctx.spells('soap') && /['"`]soap['"`]/.test(ctx.source))
  );
}

/** `new IncomingWebhook(url, defaults)` from `@slack/webhook` behind the receiver (or its factory); whether its defaults bound it. */
function slackWebhook(ctx: ModuleContext, receiver: Node | undefined): { timed: boolean } | undefined {
  // Built here, or by a module-local factory whose answer the receiver holds (factoryBuilt.ts).
  const built = factoryBuilt(ctx, receiver);
  if (built?.type !== 'NewExpression') return undefined;
  const imp = ctx.importRoot(built.callee as Node);
  if (imp?.source !== '@slack/webhook') return undefined;
  const defaults = (built.arguments as Node[])[1];
  if (defaults === undefined) return { timed: false };
  const props = objectProps(ctx.valueOf(defaults));
  return { timed: props === undefined || props.spread || props.props.has('timeout') };
}

/** `await soap.createClientAsync(url, options)` behind the receiver's base; whether its options may bound it. */
function soapClient(ctx: ModuleContext, receiver: Node | undefined): { timed: boolean } | undefined {
  let base = unwrap(receiver);
  while (base?.type === 'MemberExpression') base = unwrap(base.object); // client.Service.Port.MethodAsync
  if (base?.type !== 'Identifier') return undefined;
  let built = unwrap(ctx.valueOf(base));
  if (built?.type === 'AwaitExpression') built = unwrap(built.argument);
  if (built?.type !== 'CallExpression' || calleeName(built) !== 'createClientAsync') return undefined;
  if (ctx.importRoot(built.callee as Node)?.source !== 'soap') return undefined;
  const options = (built.arguments as Node[])[1];
  if (options === undefined) return { timed: false };
  const props = objectProps(ctx.valueOf(options));
  return {
    timed: props === undefined || props.spread || props.props.has('request') || props.props.has('httpClient'),
  };
}

/** Options of the request itself that bound it (`{ ..., timeout }`), or hide what they hold; absent ones do not. */
function callTimed(ctx: ModuleContext, arg: Node | undefined): boolean {
  if (arg === undefined) return false;
  const props = objectProps(ctx.valueOf(arg));
  return props === undefined || props.spread || props.props.has('timeout');
}

/**
 * Requests through an API client package left at a default with no timeout.
 * @example
 * untimedApiClients(ctx, report); // reports `sgMail.send(msg)` in a module that calls sgMail.setApiKey(...) and no setTimeout
 */
export function untimedApiClients(ctx: ModuleContext, report: Report): void {
  untimedPackageClients(ctx, report); // web-push, Sanity, IPFS: rules/untimedPackageClients.ts
  untimedNestHttp(ctx, report); // NestJS HttpService: rules/nestHttp.ts
  untimedConstructedClients(ctx, report); // Slack WebClient, HubSpot Client: rules/constructedClients.ts
  untimedGeneratedClients(ctx, report); // openapi-fetch, typescript-fetch runtimes: rules/generatedClients.ts
  untimedGemini(ctx, report); // @google/generative-ai, @google/genai: rules/geminiClients.ts
  untimedWretch(ctx, report); // wretch instances: rules/wretchClients.ts
  untimedSmarthome(ctx, report); // actions-on-google Home Graph calls: rules/smarthomeClients.ts
  untimedSupabase(ctx, report); // supabase-js clients: rules/supabaseClients.ts
  if (!mentions(ctx)) return;
  const sendgridConfigured = /\.setApiKey\(/.test(ctx.source) && !SENDGRID_TIMED.test(ctx.source);
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    const method = calleeName(call);
    // A call run under a timeout policy (`pTimeout(...)`, `wrapDependency(...)`) is bounded there.
    if (method === undefined || coverAt(ctx, call).kinds.has('timeout')) continue;
    const imp = ctx.importRoot(callee);
    const sends =
      imp !== undefined && Object.hasOwn(SENDGRID_SENDS, imp.source) ? SENDGRID_SENDS[imp.source] : undefined;
    if (imp !== undefined && sends?.has(method) === true && unwrap(callee.object)?.type === 'Identifier') {
      // A mail send takes the message, not request options; the REST client's request takes both.
      const own = imp.source === '@sendgrid/client' && callTimed(ctx, (call.arguments as Node[])[0]);
      if (sendgridConfigured && !own)
        report(
          'http-no-timeout',
          call,
          `${imp.source} ${method}() has no timeout: the SendGrid client sets none by default, so a hung connection holds the caller; call setTimeout(ms) where the API key is set`,
        );
      continue;
    }
    if (method.endsWith('Async') && method !== 'createClientAsync') {
      const soap = soapClient(ctx, callee.object as Node);
      if (soap !== undefined && !soap.timed && !callTimed(ctx, (call.arguments as Node[])[1]))
        report(
          'http-no-timeout',
          call,
          `soap ${method}() has no timeout: node-soap sends through an axios instance with none; pass { timeout } in the call's options`,
        );
      continue;
    }
    const octokit = octokitClient(ctx, callee);
    if (octokit !== undefined) {
      // The call's own options (its last argument: parameters, or a route string) may carry `request`.
      const lastArg = (call.arguments as Node[]).at(-1);
      const last = ctx.valueOf(lastArg);
      const own = objectProps(last);
      // Spreads of objects the module spells (`{ ...repoData, path }`) are read through: a shared
      // owner/repo pair carries no `request`, and hiding it behind a spread does not bound the call.
      const merged = own?.spread === true ? mergedProps(ctx, lastArg) : undefined;
      const untimedCall =
        last === undefined ||
        last.type === 'TemplateLiteral' ||
        (last.type === 'Literal' && typeof last.value === 'string') ||
        (merged !== undefined && !merged.has('request')) ||
        (own !== undefined && !own.props.has('request') && (!own.spread || domainSpreads(ctx, last)));
      if (!octokit.timed && untimedCall)
        report(
          'http-no-timeout',
          call,
          `Octokit ${method}() has no timeout: Octokit sets none by default; pass request: { timeout } (or a signal) in the client's options`,
          octokit.builtElsewhere === true
            ? { onlyIfProjectClientsUntimed: 'octokit' }
            : octokit.via !== undefined
              ? { onlyIfImportOctokitUntimed: octokit.via }
              : undefined,
        );
      continue;
    }
    if (untimedNotifySend(ctx, callee)) {
      report(
        'http-no-timeout',
        call,
        `notifications-node-client ${method}() has no timeout: NotifyClient sends through axios with none; hand it one with setClient(axios.create({ timeout }))`,
      );
      continue;
    }
    if (method !== 'send') continue;
    const webhook = slackWebhook(ctx, callee.object as Node);
    if (webhook !== undefined && !webhook.timed)
      report(
        'http-no-timeout',
        call,
        '@slack/webhook IncomingWebhook send() has no timeout: the webhook client sets none by default; pass { timeout } to new IncomingWebhook(url, defaults)',
      );
  }
}
