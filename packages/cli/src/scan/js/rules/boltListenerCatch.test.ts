import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { boltListenerCatch } from './boltListenerCatch.js';

const BOLT = "import { App } from '@slack/bolt';\nconst app = new App({});\n";

/** The lines of `source` whose catch boltListenerCatch reports. */
function reported(source: string): number[] {
  const ctx = contextOf(BOLT + source);
  const lines: number[] = [];
  for (const handler of ctx.of('CatchClause'))
    boltListenerCatch(ctx, handler, (_rule: string, node: Node) => {
      lines.push(ctx.source.slice(0, node.start).split('\n').length - 2);
    });
  return lines;
}

describe('boltListenerCatch', () => {
  it('reports a listener catch that only logs after ack()', () => {
    const source = `app.action('a', async ({ ack, client, logger }) => {
  await ack();
  try { await client.chat.update({ ts: '1', text: 'done' }); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([4]);
  });

  it('reports a views.open call, which doesIo takes for a local open', () => {
    const source = `app.action('a', async ({ ack, body, client, logger }) => {
  await ack();
  try { await client.views.open({ trigger_id: body.trigger_id, view: {} }); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([4]);
  });

  it('reports a message listener (Bolt acknowledges it) and a named command listener', () => {
    const source = `async function onCmd({ ack, respond, logger }) {
  await ack();
  try { await fetch('https://x'); await respond('ok'); }
  catch (e) { logger.error(e); }
}
app.command('/x', onCmd);
app.message(async ({ message, client }) => {
  try { await client.reactions.add({ name: 'x', timestamp: message.ts }); }
  catch (e) { console.error(e); }
});`;
    expect(reported(source)).toEqual([4, 9]);
  });

  it('leaves a catch that answers the user, rethrows, or runs before ack()', () => {
    const source = `app.action('a', async ({ ack, client, respond, logger }) => {
  await ack();
  try { await client.chat.update({}); }
  catch (e) { logger.error(e); await respond('failed'); }
});
app.action('b', async ({ ack, client, logger }) => {
  await ack();
  try { await client.chat.update({}); }
  catch (e) { logger.error(e); throw e; }
});
app.view('c', async ({ ack, client, logger }) => {
  try { await client.chat.update({}); await ack(); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([]);
  });

  it('leaves a gate or a lookup whose later steps go on, and a try with later work', () => {
    const source = `app.message(async ({ message, client, logger }) => {
  try { if (await seen(message.ts)) return; }
  catch (e) { logger.warn(e); }
  try { await client.chat.postMessage({}); }
  catch (e) { logger.error(e); }
});
app.action('a', async ({ ack, client, logger }) => {
  await ack();
  let name = '';
  try { name = (await client.users.info({})).user.name; }
  catch (e) { logger.warn(e); }
  try { await client.views.open({ view: { name } }); }
  catch (e) { logger.error(e); }
});
app.action('b', async ({ ack, client, logger }) => {
  await ack();
  try { await client.chat.update({}); }
  catch (e) { logger.error(e); }
  await client.chat.postMessage({ text: 'done' });
});`;
    expect(reported(source)).toEqual([5, 13]);
  });

  it('leaves a lookup that sets a member the later steps read, as one that sets a variable', () => {
    const source = `app.action('a', async ({ ack, client, logger }) => {
  await ack();
  const meta = { name: '' };
  try { meta.name = (await client.users.info({})).user.name; }
  catch (e) { logger.warn(e); }
  try { await client.views.open({ view: { meta } }); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([7]);
  });

  it('reports a listener of its own module by its Slack-only arguments, ack first in the try', () => {
    const ctx = contextOf(`export const onApprove = async ({ ack, body, client, logger }) => {
  try { await ack(); await client.chat.update({ ts: body.message.ts }); }
  catch (e) { logger.error(e); }
};
export const onReject = async ({ ack, respond, logger }) => {
  try { await save(); await ack(); await respond('ok'); }
  catch (e) { logger.error(e); }
};
export const onQueued = async ({ ack, message }) => {
  ack();
  try { await save(message); }
  catch (e) { console.error(e); }
};`);
    const found: number[] = [];
    for (const h of ctx.of('CatchClause'))
      boltListenerCatch(ctx, h, (_r: string, n: Node) =>
        found.push(ctx.source.slice(0, n.start).split('\n').length),
      );
    expect(found).toEqual([3]);
  });

  it('reports nothing in a module that does not name @slack/bolt', () => {
    const ctx = contextOf(`bus.event('a', async ({ event, client }) => {
  try { await client.chat.update({}); }
  catch (e) { console.error(e); }
});`);
    const found: Node[] = [];
    for (const h of ctx.of('CatchClause')) boltListenerCatch(ctx, h, (_r: string, n: Node) => found.push(n));
    expect(found).toEqual([]);
  });

  it('leaves a try whose only remote step is ack() (or a local parse after it)', () => {
    const source = `app.command('/x', async ({ ack, logger }) => {
  try { await ack(); }
  catch (e) { logger.error(e); }
});
app.view('v', async ({ ack, view, logger }) => {
  let meta;
  try { await ack(); meta = JSON.parse(view.private_metadata); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([]);
  });

  it('leaves best-effort telemetry after ack(): trackUsage and a CloudWatch metric', () => {
    const source = `import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
const cw = new CloudWatchClient({});
app.action('approve', async ({ ack, body, logger }) => {
  await ack();
  try { await trackUsage('approve', body.user.id); }
  catch (e) { logger.warn(e); }
});
app.action('reject', async ({ ack, logger }) => {
  await ack();
  try { await cw.send(new PutMetricDataCommand({ Namespace: 'bot', MetricData: [] })); }
  catch (e) { logger.warn(e); }
});`;
    expect(reported(source)).toEqual([]);
  });

  it('leaves a try with local work only and nothing after it', () => {
    const source = `app.action('pick', async ({ ack, body, logger }) => {
  await ack();
  try { const picked = JSON.parse(body.actions[0].value); logger.info(picked.day); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([]);
  });

  it('requires ack() in an action, view, command or shortcut listener, by its local name', () => {
    const source = `app.view('v', async ({ view, client, logger }) => {
  try { await client.chat.postMessage({}); }
  catch (e) { logger.error(e); }
});
app.action('a', async ({ ack: acknowledge, client, logger }) => {
  await acknowledge();
  try { await client.chat.update({}); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([8]);
  });

  it('reports after a catch that logs and returns', () => {
    const source = `app.action('a', async ({ ack, client, logger }) => {
  await ack();
  try { await client.chat.update({}); }
  catch (e) { logger.error(e); return; }
});`;
    expect(reported(source)).toEqual([4]);
  });

  it("takes only the listener's own client for Slack", () => {
    const source = `app.message(async ({ message, say, logger }) => {
  const client = new Pool();
  try { client.cache.open(message.ts); }
  catch (e) { logger.error(e); }
});`;
    expect(reported(source)).toEqual([]);
  });

  it('reports nothing where only a comment names @slack/bolt', () => {
    const ctx = contextOf(`// migrated off @slack/bolt
emitter.event('x', async ({ event, client }) => {
  try { await fetch(event.url); }
  catch (e) { console.error(e); }
});`);
    const found: Node[] = [];
    for (const h of ctx.of('CatchClause')) boltListenerCatch(ctx, h, (_r: string, n: Node) => found.push(n));
    expect(found).toEqual([]);
  });
});
