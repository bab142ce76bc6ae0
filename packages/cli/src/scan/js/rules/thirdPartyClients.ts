// Third-party API clients with timeouts and retries of their own. What each does by default decides what
// the scan says of it: `http-no-timeout` and `no-retry` judge only the HTTP libraries they name (a package
// built on them is catalogued in js/httpLibraries.ts), and an API client package is left to its defaults,
// except where a default is itself the problem.
import { memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report } from './Report.js';

/** A package's documented defaults, and what the scan makes of them. */
interface ClientDefaults {
  /** Request timeout in ms; null: none. */
  readonly timeoutMs: number | null;
  readonly retries: string;
  readonly decision: string;
}

/**
 * The catalogue (defaults as documented by each package; the source is named per entry).
 *
 * @example
 * THIRD_PARTY_CLIENTS['stripe']?.timeoutMs; // 80000
 */
export const THIRD_PARTY_CLIENTS: Readonly<Record<string, ClientDefaults>> = {
  // stripe-node README, "Configuration": timeout 80000 ms; maxNetworkRetries retries with idempotency keys.
  stripe: { timeoutMs: 80_000, retries: 'maxNetworkRetries, with idempotency keys', decision: 'silent' },
  // openai-node README, "Timeouts" and "Retries": 10 minutes, 2 retries with backoff on 408/409/429/5xx.
  openai: { timeoutMs: 600_000, retries: '2, with backoff', decision: 'silent' },
  // twilio-node RequestClient: timeout 30000 ms; autoRetry (429 only) is off unless asked for.
  twilio: { timeoutMs: 30_000, retries: 'none by default', decision: 'silent' },
  // node-slack-sdk WebClientOptions: retryConfig defaults to retryPolicies.tenRetriesInAboutThirtyMinutes
  // ("Retry up to 10 times, over the span of about 30 minutes"), and rate-limited calls are waited out.
  '@slack/web-api': {
    timeoutMs: null,
    retries: '10 over about 30 minutes',
    decision: 'retry-unbounded when retryConfig is left at that default: longer than any Lambda runs',
  },
  // @sendgrid/client: axios underneath, no timeout unless setTimeout() is called, no retry.
  '@sendgrid/client': { timeoutMs: null, retries: 'none', decision: 'silent (not seen in labelled code)' },
  // octokit.js: the `octokit` bundle adds plugin-retry and plugin-throttling; `@octokit/rest` retries nothing.
  '@octokit/rest': { timeoutMs: null, retries: 'none', decision: 'silent (not seen in labelled code)' },
  // gaxios (googleapis' transport) README: timeout 0 (none); googleapis turns its retryConfig on.
  googleapis: {
    timeoutMs: null,
    retries: 'gaxios retryConfig',
    decision: 'http-no-timeout at each request of a client left without one (rules/googleApis.ts)',
  },
};

/** `retryConfig` left at the thirty-minute default: absent, named, or `forever: true`. */
function slackDefaultRetry(ctx: ModuleContext, options: Node | undefined): boolean {
  if (options === undefined) return true;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return false;
  const retry = props.props.get('retryConfig');
  if (retry === undefined) return true;
  if (memberPath(unwrap(retry))?.at(-1) === 'tenRetriesInAboutThirtyMinutes') return true;
  const config = objectProps(ctx.valueOf(retry));
  const forever = config?.props.get('forever');
  return forever?.type === 'Literal' && forever.value === true;
}

/** `new WebClient(token, options)` from `@slack/web-api`, judged by the catalogue above. */
export function thirdPartyClient(ctx: ModuleContext, report: Report, node: Node): void {
  const callee = unwrap(node.callee);
  if (callee?.type !== 'Identifier' && callee?.type !== 'MemberExpression') return;
  const imp = ctx.importRoot(callee);
  if (imp?.source !== '@slack/web-api') return;
  const name = callee.type === 'Identifier' ? imp.imported : memberPath(callee)?.at(-1);
  if (name !== 'WebClient') return;
  if (!slackDefaultRetry(ctx, (node.arguments as Node[])[1])) return;
  report(
    'retry-unbounded',
    node,
    'Slack WebClient keeps the default retry policy (up to 10 retries over about 30 minutes, and rate-limited calls are waited out): a failing call holds the function until its timeout instead of failing; set retryConfig (for example { retries: 2 })',
  );
}
