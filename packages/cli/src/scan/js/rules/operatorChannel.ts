// swallowed-error: a try whose every awaited call hands a record to an operator channel (a logging or
// alerting service, a Slack or Discord webhook) is best effort by nature. A logging client's own failure
// must not throw into the business code that logs through it, and an alert that cannot be posted has no
// one else to tell: the catch that logs to the console is the last resort, not a lost piece of work.
// Decided from what the try sends (the record's kind, the webhook's configured name), never from the name
// of the function around it: a customer's e-mail, a payment notice or a domain event is work a caller
// relies on and stays judged.
import { calleeName, lastName, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import { envVariable, isProcessEnv } from '../envVariable.js';
import type { ModuleContext } from '../ModuleContext.js';
import { everyAwaitedCall } from './telemetryFacts.js';

/** The field of a forwarded record that says what kind of record it is. */
const KIND_KEY = /^(eventName|eventType|event|type|kind|logType|action|operation)$/;
/** Words of a record kind, or of a webhook's variable, that name an operator channel. */
const CHANNEL_WORDS = new Set(['log', 'logs', 'alert', 'alerts', 'slack', 'discord']);
/**
 * An audit trail is a record someone relies on (compliance), not a diagnostic; a kind that lists, gets or
 * queries logs is a read whose failure the caller answers as "none": both judged as usual.
 */
const RELIED_WORDS = new Set(['audit', 'list', 'get', 'query', 'find', 'read', 'search']);
/**
 * A call that sends a record on (`callService`, `invokeAsync`, `sendMessage`, `publish`): a repository's
 * `create`/`save` of a domain record that happens to be called an alert or a log is not a forward. The
 * forwarding method often lives in a base class of another module, so its name is what can be read here.
 */
const FORWARD_WORDS = new Set(['call', 'invoke', 'send', 'forward', 'dispatch', 'publish', 'emit', 'post']);
/** A webhook's variable: its words name a hook (or Slack's or Discord's URL), not any alerts API or bucket. */
const HOOK_WORDS = new Set(['webhook', 'hook']);
const CHAT_WORDS = new Set(['slack', 'discord']);

/**
 * The words of an identifier or constant: `SEND_ADMIN_ALERT` -> send, admin, alert; `writeRequestLog` ->
 * write, request, log.
 *
 * @example words('MonitorKind.WRITE_LOG') // ['monitor', 'kind', 'write', 'log']
 */
export function words(text: string): string[] {
  // The second split ends an acronym run before its next word: `SLACKWebhookUrl` -> SLACK, Webhook, Url.
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/** The words name an operator channel and no record someone relies on. */
function namesChannel(text: string | undefined): boolean {
  if (text === undefined) return false;
  const ws = words(text);
  return ws.some((w) => CHANNEL_WORDS.has(w)) && !ws.some((w) => RELIED_WORDS.has(w));
}

/** The kind a record's field spells: a string (`'WRITE_LOG'`) or an enum member (`EventType.WRITE_LOG`). */
function kindText(value: Node | undefined): string | undefined {
  const v = unwrap(value);
  return stringValue(v) ?? (v?.type === 'MemberExpression' ? lastName(v) : undefined);
}

/**
 * The call is named for sending a record on, and one of its arguments is (or a const holds) an object
 * literal whose kind field names a log or alert: `invokeAsync(NOTIFIER, { type: 'alert' })`.
 */
function forwardsChannelRecord(ctx: ModuleContext, call: Node): boolean {
  if (!words(calleeName(call) ?? '').some((w) => FORWARD_WORDS.has(w))) return false;
  return (call.arguments as Node[]).some((arg) => {
    const record = objectProps(ctx.valueOf(arg));
    if (record === undefined) return false;
    for (const [key, value] of record.props)
      if (KIND_KEY.test(key) && namesChannel(kindText(value))) return true;
    return false;
  });
}

/**
 * The environment variables a URL expression is built from: `process.env.SLACK_WEBHOOK_URL`, a const that
 * holds it, a template around it, or `process.env[Envs.SLACK_WEBHOOK_URL]` (the enum member's name).
 */
function urlVariables(ctx: ModuleContext, url: Node | undefined): string[] {
  const n = unwrap(ctx.valueOf(url));
  if (n === undefined) return [];
  if (n.type === 'TemplateLiteral') return (n.expressions as Node[]).flatMap((e) => urlVariables(ctx, e));
  const name = envVariable(ctx, n);
  if (name !== undefined) return [name];
  return n.type === 'MemberExpression' && n.computed === true && isProcessEnv(n.object as Node)
    ? [lastName(n.property as Node) ?? '']
    : [];
}

/** The variable names a webhook of a channel (`SLACK_WEBHOOK_URL`, `DISCORD_HOOK`, `SLACK_URL`). */
function webhookVariable(name: string): boolean {
  const ws = words(name);
  const chat = ws.some((w) => CHAT_WORDS.has(w));
  return namesChannel(name) && (ws.some((w) => HOOK_WORDS.has(w)) || (chat && ws.includes('url')));
}

/** An HTTP POST: `axios.post(url)`, `http.post(url)`, `fetch(url, { method: 'POST' })`. */
function httpPost(ctx: ModuleContext, call: Node): boolean {
  const name = calleeName(call);
  if (name === 'post') return true;
  if (name !== 'fetch') return false;
  const method = objectProps(ctx.valueOf((call.arguments as Node[])[1]))?.props.get('method');
  return stringValue(unwrap(method))?.toUpperCase() === 'POST';
}

/** A POST to a webhook configured for a channel: `axios.post(process.env.SLACK_WEBHOOK_URL, ...)`. */
function postsToChannelWebhook(ctx: ModuleContext, call: Node): boolean {
  return httpPost(ctx, call) && urlVariables(ctx, (call.arguments as Node[])[0]).some(webhookVariable);
}

/**
 * Every awaited call of the try forwards a log or alert record, or posts to an alert webhook, and at least
 * one does: the catch around it is the logging path's own last resort.
 *
 * @example
 * operatorChannelOnly(ctx, tryStatement) // try { await this.callService({ eventName: Kind.WRITE_LOG }) } -> true
 */
export function operatorChannelOnly(ctx: ModuleContext, tryStatement: Node): boolean {
  return everyAwaitedCall(
    tryStatement.block as Node,
    (call) => forwardsChannelRecord(ctx, call) || postsToChannelWebhook(ctx, call),
  );
}
