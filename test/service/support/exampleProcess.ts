// Starts examples/service-orders as a real child process (Node with the tsx loader, workspace sources) and
// follows its log lines, so tests can wait for "shutdown started" rather than sleep.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');
const main = join(root, 'examples', 'service-orders', 'src', 'main.ts');

export interface ExampleProcess {
  readonly child: ChildProcess;
  readonly stdout: string[];
  readonly stderr: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  /** Resolves with the first line (stdout or stderr) matching, rejects after `timeoutMs`. */
  waitForLine(match: RegExp, timeoutMs?: number): Promise<string>;
  /** The port from the `listening` line. */
  port(): Promise<number>;
}

export function startExample(env: Record<string, string>): ExampleProcess {
  const child = spawn(process.execPath, ['--conditions=@bulwark/source', '--import', 'tsx', main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<{ match: RegExp; resolve: (line: string) => void }>();
  const follow = (stream: NodeJS.ReadableStream | null, lines: string[]) => {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        for (const waiter of waiters) {
          if (waiter.match.test(line)) {
            waiters.delete(waiter);
            waiter.resolve(line);
          }
        }
      }
    });
  };
  follow(child.stdout, stdout);
  follow(child.stderr, stderr);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>(
    (resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal, atMs: performance.now() }));
    },
  );
  const waitForLine = (match: RegExp, timeoutMs = 15_000) => {
    const seen = [...stdout, ...stderr].find((line) => match.test(line));
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const waiter = { match, resolve };
      waiters.add(waiter);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(
          new Error(
            `no line matching ${match} within ${timeoutMs} ms\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`,
          ),
        );
      }, timeoutMs);
      exited.then(() => {
        setTimeout(() => {
          if (!waiters.has(waiter)) return;
          waiters.delete(waiter);
          clearTimeout(timer);
          reject(new Error(`exited before a line matching ${match}\nstderr:\n${stderr.join('\n')}`));
        }, 50);
      });
      const original = waiter.resolve;
      waiter.resolve = (line) => {
        clearTimeout(timer);
        original(line);
      };
    });
  };
  return {
    child,
    stdout,
    stderr,
    exited,
    waitForLine,
    port: async () => (JSON.parse(await waitForLine(/"message":"listening"/)) as { port: number }).port,
  };
}

/** GET over a connection of its own (no keep-alive pool), resolving to the status or the error code. */
export async function get(port: number, path: string): Promise<number | string> {
  const { request } = await import('node:http');
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    req.end();
  });
}
