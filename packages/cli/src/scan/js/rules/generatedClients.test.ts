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

  it('stays silent where the code shows a bound: axios defaults, per-call timeout or signal, a field config with an axios instance, overrides adding a signal', () => {
    const defaults = [
      "import axios from 'axios';",
      "import { Configuration, UsersApi } from '@acme/users-sdk';",
      'axios.defaults.timeout = 3000;',
      'const users = new UsersApi(new Configuration({ basePath: url }));',
      'export const get = () => users.getUser(1);',
    ].join('\n');
    expect(reported(defaults)).toEqual([]);
    const perCall = [
      "import { Configuration, UsersApi } from '@acme/users-sdk';",
      'const users = new UsersApi(new Configuration({ basePath: url }));',
      'export const get = () => [users.getUser(1, { timeout: 2000 }), users.listUsers({ timeout: 2000 })];',
    ].join('\n');
    expect(reported(perCall)).toEqual([]);
    const field = [
      "import { Configuration, UsersApi } from '@acme/users-sdk';",
      'class Svc {',
      '  cfg = new Configuration({ basePath: url });',
      '  api = new UsersApi(this.cfg, undefined, timedAxios);',
      '  get() { return this.api.getUser(1); }',
      '}',
      'export const svc = new Svc();',
    ].join('\n');
    expect(reported(field)).toEqual([]);
    const overrides = [
      "import { Configuration, UsersApi } from '@acme/users-sdk';",
      'const users = new UsersApi(new Configuration({ basePath: url }));',
      'export const get = (p, signal) => users.getUser(p, async ({ init }) => ({ ...init, signal }));',
    ].join('\n');
    expect(reported(overrides)).toEqual([]);
  });

  it('judges openai v3 one way (silent, its 10-minute default), reads baseOptions and treats path aliases as project code', () => {
    const src = [
      "import { Configuration, OpenAIApi } from 'openai';",
      "import { Configuration as Own } from '@/config';",
      "import { Configuration as Tilde } from '~/config';",
      'const ai = new OpenAIApi(new Configuration({ apiKey: key, basePath: url }));',
      'const own = new Own({ basePath: url, headers: {} });',
      'const tilde = new Tilde({ basePath: url });',
      'export const all = () => [ai, own, tilde];',
    ].join('\n');
    expect(reported(src)).toEqual([]);
    const plaid = [
      "import { Configuration, PlaidApi } from 'plaid';",
      'const client = new PlaidApi(new Configuration({ basePath: env, baseOptions: { headers: { a: 1 } } }));',
      'export const get = () => client.accountsGet({});',
    ].join('\n');
    expect(reported(plaid)).toEqual([2]);
  });
});
