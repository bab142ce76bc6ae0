// Which trys operatorChannelOnly takes as a logging path's own last resort: every awaited call forwards a
// log or alert record, or posts to an alert webhook; a domain event, an audit record or a customer's
// e-mail stays the work.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { operatorChannelOnly, words } from './operatorChannel.js';

/** The scan's context for `body` inside an async function, and its first try. */
function tryOf(body: string, prelude = '') {
  const ctx = contextOf(`${prelude}\nasync function f(msg, rows) { ${body} }`);
  return { ctx, tryStatement: ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node };
}

describe('words', () => {
  it('splits constants and camel case', () => {
    // Act
    const split = [
      words('SEND_ADMIN_ALERT'),
      words('writeRequestLog'),
      words('Kind.WRITE_LOG'),
      words('SLACKWebhookUrl'),
    ];

    // Assess
    expect(split).toEqual([
      ['send', 'admin', 'alert'],
      ['write', 'request', 'log'],
      ['kind', 'write', 'log'],
      ['slack', 'webhook', 'url'],
    ]);
  });
});

describe('operatorChannelOnly', () => {
  it.each([
    [
      'const data = { eventName: Kind.WRITE_LOG, msg }; try { await this.callService(data); } catch (e) { console.error(e); }',
    ],
    ["try { await callService({ type: 'SEND_ADMIN_ALERT', msg }); } catch (e) { console.error(e); }"],
    ["try { await svc.forward({ logType: 'slack-message', msg }); } catch (e) { console.error(e); }"],
    [
      'try { const url = `\u0024{process.env[Envs.SLACK_WEBHOOK_URL]}`; await axios.post(url, { msg }); } catch (e) { console.error(e); }',
    ],
    [
      'try { await fetch(process.env.ALERT_WEBHOOK_URL, { method: "POST" }); } catch (e) { console.error(e); }',
    ],
    [
      'const { DISCORD_HOOK } = process.env; try { await http.post(DISCORD_HOOK, { msg }); } catch (e) { console.error(e); }',
    ],
    // The record as a later argument of the forward.
    [
      "try { await invokeAsync(NOTIFIER, { type: 'alert', topic: SLACK_TOPIC }); } catch (e) { console.error(e); }",
    ],
  ])('takes a try that only feeds an operator channel: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(body);

    // Act
    const only = operatorChannelOnly(ctx, tryStatement);

    // Assess
    expect(only).toBe(true);
  });

  it.each([
    // A domain event a consumer charges from.
    ["try { await callService({ eventName: 'ORDER_PLACED', msg }); } catch (e) { console.error(e); }"],
    // An audit trail is relied on.
    ["try { await callService({ eventName: 'WRITE_AUDIT_LOG', msg }); } catch (e) { console.error(e); }"],
    // `login` is not `log`.
    ["try { await callService({ type: 'USER_LOGIN', msg }); } catch (e) { console.error(e); }"],
    // The work and the notice in one try: the work's failure is lost too.
    [
      'try { await db.put(rows); await axios.post(process.env.SLACK_WEBHOOK_URL, { msg }); } catch (e) { console.error(e); }',
    ],
    [
      'try { await axios.post(`\u0024{process.env.LEDGER_API_URL}/rows`, { rows }); } catch (e) { console.error(e); }',
    ],
    // A repository write of a domain record called an alert or a log is not a forward.
    ["try { await alertsRepo.create({ type: 'PRICE_ALERT', msg }); } catch (e) { console.error(e); }"],
    ["try { await dataService.save({ type: 'WORKOUT_LOG', rows }); } catch (e) { console.error(e); }"],
    // A read of logs: its failure answers "no logs".
    ["try { await callService({ eventName: 'LIST_LOGS', msg }); } catch (e) { console.error(e); }"],
    // Not an HTTP POST, or not a webhook: a topic, a queue, an alerts API.
    ['try { await publish(process.env.CUSTOMER_ALERTS_TOPIC_ARN, msg); } catch (e) { console.error(e); }'],
    ['try { await sendMessage(process.env.ALERTS_QUEUE_URL, msg); } catch (e) { console.error(e); }'],
    ["try { await fetch(process.env.ALERTS_API_URL, { method: 'POST' }); } catch (e) { console.error(e); }"],
    ['try { await fetch(process.env.SLACK_WEBHOOK_URL); } catch (e) { console.error(e); }'],
    // No awaited call: nothing forwarded.
    ['try { JSON.parse(msg); } catch (e) { console.error(e); }'],
  ])('leaves the rest judged: %s', (body) => {
    // Prepare
    const { ctx, tryStatement } = tryOf(body);

    // Act
    const only = operatorChannelOnly(ctx, tryStatement);

    // Assess
    expect(only).toBe(false);
  });

  it('does not read the name of the function around the try', () => {
    // Prepare
    const ctx = contextOf(
      'async function sendAlert(msg) { try { await ses.send(new SendEmailCommand({ msg })); } catch (e) { console.error(e); } }',
    );
    const tryStatement = ctx.parentOf(ctx.of('CatchClause')[0] as Node) as Node;

    // Act
    const only = operatorChannelOnly(ctx, tryStatement);

    // Assess
    expect(only).toBe(false);
  });
});
