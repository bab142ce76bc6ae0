// Real local servers on 127.0.0.1 that fail in the ways the fault matrix needs. node:net / node:http /
// node:tls directly: this suite must not depend on @bulwark/testing, which is written in parallel.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Running {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function listen(server: Server | HttpServer, sockets: Set<Socket>, scheme = 'http'): Promise<Running> {
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `${scheme}://127.0.0.1:${address.port}`,
    port: address.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Accepts, then resets the connection (RST) before a byte is answered. */
export function startResetServer(): Promise<Running> {
  return listen(
    createNetServer((socket) => {
      socket.once('data', () => socket.resetAndDestroy());
    }),
    new Set(),
  );
}

/** Accepts and closes at once (FIN): to a TLS client, a handshake cut short. */
export function startCloseServer(): Promise<Running> {
  return listen(
    createNetServer((socket) => socket.destroy()),
    new Set(),
  );
}

/** Accepts and never answers. */
export function startHangServer(): Promise<Running> {
  return listen(
    createNetServer(() => {}),
    new Set(),
  );
}

/** Answers bytes that are not HTTP. */
export function startGarbageServer(): Promise<Running> {
  return listen(
    createNetServer((socket) => {
      socket.once('data', () => socket.end('THIS IS NOT HTTP\r\n\r\n'));
    }),
    new Set(),
  );
}

/** A port that was free a moment ago and has nothing listening now: connecting is refused. */
export async function closedPort(): Promise<number> {
  const running = await listen(createNetServer(), new Set());
  await running.close();
  return running.port;
}

/**
 * `/status/<code>?retryAfter=<value>` answers that status with that Retry-After header;
 * `/reset-mid-body` sends headers and part of the body, then resets.
 */
export function startStatusServer(): Promise<Running> {
  return listen(
    createHttpServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/reset-mid-body') {
        response.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000' });
        response.write('partial body');
        setTimeout(() => response.socket?.resetAndDestroy(), 20);
        return;
      }
      const status = Number(url.pathname.split('/')[2] ?? '500');
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      const retryAfter = url.searchParams.get('retryAfter');
      if (retryAfter !== null) headers['retry-after'] = retryAfter;
      response.writeHead(status, headers);
      response.end(JSON.stringify({ secret: 'upstream body must not leak', status }));
    }),
    new Set(),
  );
}

export interface TlsFixture {
  readonly dir: string;
  /** A self-signed certificate for CN=localhost, SAN IP:127.0.0.1, valid now. */
  readonly selfSigned: { cert: string; key: string };
  /** A self-signed certificate for CN=elsewhere.test only (no 127.0.0.1), valid now. */
  readonly wrongHost: { cert: string; key: string };
  /** A self-signed certificate for 127.0.0.1 that expired on 2020-01-02. */
  readonly expired: { cert: string; key: string };
  remove(): void;
}

/** Makes the certificates with the openssl CLI into a temporary directory (EC keys: fast). */
export function makeTlsFixture(): TlsFixture {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-tls-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const keyArgs = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    'req',
    '-x509',
    ...keyArgs,
    '-keyout',
    'self.key',
    '-out',
    'self.pem',
    '-days',
    '2',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  );
  openssl(
    'req',
    '-x509',
    ...keyArgs,
    '-keyout',
    'wrong.key',
    '-out',
    'wrong.pem',
    '-days',
    '2',
    '-subj',
    '/CN=elsewhere.test',
    '-addext',
    'subjectAltName=DNS:elsewhere.test',
  );
  // `openssl req -x509` cannot back-date a certificate; `openssl ca -selfsign` can.
  writeFileSync(
    join(dir, 'ca.cnf'),
    '[ca]\ndefault_ca=d\n[d]\ndir=.\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial\ndefault_md=sha256\npolicy=p\ncopy_extensions=copy\n[p]\ncommonName=supplied\n',
  );
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  openssl(
    'req',
    '-new',
    ...keyArgs,
    '-keyout',
    'expired.key',
    '-out',
    'expired.csr',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  );
  openssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-selfsign',
    '-keyfile',
    'expired.key',
    '-in',
    'expired.csr',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200102000000Z',
    '-out',
    'expired.pem',
  );
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    dir,
    selfSigned: { cert: read('self.pem'), key: read('self.key') },
    wrongHost: { cert: read('wrong.pem'), key: read('wrong.key') },
    expired: { cert: read('expired.pem'), key: read('expired.key') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** An HTTPS server presenting `pair`, answering 200. */
export function startTlsServer(pair: { cert: string; key: string }): Promise<Running> {
  return listen(
    createTlsServer(pair, (_request, response) => {
      response.end('ok');
    }) as unknown as Server,
    new Set(),
    'https',
  );
}
