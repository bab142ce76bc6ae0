// What msw cannot fake: a real TCP reset, a port that stops listening. The fault server is a real
// HTTP server on 127.0.0.1 (useMswServer passes loopback through to it).
import { startFaultServer } from '@bulwark/testing';
import { expect, it } from 'vitest';

it('a reset, then an answer, then a refused port', async () => {
  const server = await startFaultServer(['reset', { status: 200, body: 'ok' }, 'refuse']);
  try {
    await expect(fetch(server.url)).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
    expect(await (await fetch(server.url)).text()).toBe('ok');
    await expect(fetch(server.url)).rejects.toMatchObject({ cause: { code: 'ECONNRESET' } });
    await expect(fetch(server.url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    expect(server.hits).toBe(3);
  } finally {
    await server.close();
  }
});
