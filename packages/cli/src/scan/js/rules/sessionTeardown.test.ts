// Ending a session (SMTP QUIT, a pooled client's release, a connection's end) is never the work.
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { onlyEndsSession } from './sessionTeardown.js';

/** onlyEndsSession of the first try's block in `body`, inside an async function. */
function endsSession(body: string): boolean {
  const ctx = contextOf(
    `import pg from 'pg';\nasync function f(client, res, writer) {\n${body}\n}`,
    'mail.js',
  );
  const [handler] = ctx.of('CatchClause');
  if (handler === undefined) throw new Error('no catch in the source');
  return onlyEndsSession(ctx, (ctx.parentOf(handler) as Node).block as Node);
}

describe('onlyEndsSession', () => {
  it.each([
    ['try { await client.rset({ timeout }); await client.quit({ timeout }); } catch (err) {}'],
    ['try { await this.pool.end(); } catch (e) { console.error(e); }'],
    ['try { await client.release(); } catch (e) { logger.warn(e); }'],
    ['try { await browser.close(); } catch {}'],
    ['try { await socket.end(() => {}); } catch {}'],
  ])('takes a try that only ends a session: %s', (body) => {
    // Act
    const result = endsSession(body);

    // Assess
    expect(result).toBe(true);
  });

  it.each([
    // The commit is the work; the end after it does not excuse the catch.
    ["try { await client.query('COMMIT'); await client.end(); } catch (e) { console.error(e); }"],
    // A writer's end or close flushes its last bytes: a failure there loses them.
    ['try { await writer.close(); } catch (e) { console.error(e); }'],
    ['try { await res.end(); } catch {}'],
    ['try { await socket.end(lastChunk); } catch {}'],
    ['try { await client.send(mail); } catch {}'],
    ['try { parse(input); } catch {}'],
    // A write handed off beside the goodbye, or a record's delete left floating, is no goodbye.
    ['try { await client.quit(); db.put(item).promise(); } catch {}'],
    ['try { user.destroy(); } catch {}'],
    // The same verbs on a record or an API resource are the work, not a goodbye.
    ['try { await user.destroy(); } catch (e) { console.error(e); }'],
    ['try { await Order.destroy({ where: { id } }); } catch (e) { console.error(e); }'],
    ['try { await stripe.disputes.close(id); } catch (e) { console.error(e); }'],
    ['try { await handle.terminate("cancelled"); } catch (e) { console.error(e); }'],
  ])('leaves a try that does other work, or writes: %s', (body) => {
    // Act
    const result = endsSession(body);

    // Assess
    expect(result).toBe(false);
  });
});
