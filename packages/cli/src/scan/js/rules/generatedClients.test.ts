import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { untimedGeneratedClients } from './generatedClients.js';

/** The lines untimedGeneratedClients reports in `source`. */
function reported(source: string, file = 'm.ts'): number[] {
  const ctx = contextOf(source, file);
  const lines: number[] = [];
  untimedGeneratedClients(ctx, (_rule, node) => lines.push(ctx.position(node.start as number).line));
  return lines;
}

describe('untimedGeneratedClients: Configuration without fetchApi', () => {
  it('reports a generator configuration pointed at a basePath, held or inline and renamed', () => {
    const src = [
      "import { Configuration, Configuration as Other, UsersApi } from '@acme/users-sdk';",
      'const config = new Configuration({ basePath: process.env.USERS_URL, accessToken: token });',
      'const users = new UsersApi(config);',
      'export const get = (id: string) => [users.getUser({ id }), new UsersApi(new Other({ basePath: url })).getUser({ id })];',
    ].join('\n');
    expect(reported(src)).toEqual([2, 4]);
  });

  it('stays silent for baseOptions, an axios instance, foreign options, a local class and signalled calls', () => {
    const src = [
      "import { Configuration, UsersApi } from '@acme/users-sdk';",
      "import { Configuration as Local } from './config';",
      'const a = new UsersApi(new Configuration({ basePath: url, baseOptions: { timeout: 2000 } }));',
      'const b = new UsersApi(new Configuration({ basePath: url }), undefined, timedAxios);',
      "const c = new Configuration({ region: 'eu-west-1', basePath: url });",
      'const d = new UsersApi(new Local({ basePath: url }));',
      'const e = new Configuration({ apiKey: key });',
      'const signalled = new UsersApi(new Configuration({ basePath: url }));',
      'export const all = async () => [a, b, c, d, e, await signalled.getUser({ id: 1 }, { signal: AbortSignal.timeout(1000) })];',
    ].join('\n');
    expect(reported(src)).toEqual([]);
  });
});
