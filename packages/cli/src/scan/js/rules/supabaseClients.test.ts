import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { untimedSupabase } from './supabaseClients.js';

/** The lines untimedSupabase reports in `source`. */
function reported(source: string, file = 'm.ts'): number[] {
  const ctx = contextOf(source, file);
  const lines: number[] = [];
  untimedSupabase(ctx, (_rule, node) => lines.push(ctx.position(node.start as number).line));
  return lines;
}

describe('untimedSupabase', () => {
  it('reports a client built with no options, or with the plain global fetch', () => {
    const src = [
      "import { createClient } from '@supabase/supabase-js';",
      'const db = createClient(url, key);',
      'const other = createClient(url, key, { auth: { persistSession: false }, global: { fetch } });',
      "export const read = async () => [await db.from('a').select(), await other.from('b').select()];",
    ].join('\n');
    expect(reported(src)).toEqual([2, 3]);
  });

  it('reports a client required in CommonJS and kept in a field', () => {
    const src = [
      "const supabase = require('@supabase/supabase-js');",
      'class Store { constructor() { this.db = supabase.createClient(url, key); } }',
      'module.exports = { Store };',
    ].join('\n');
    expect(reported(src, 'm.js')).toEqual([2]);
  });

  it('stays silent for a custom fetch, options out of sight, an unread client, per-query signals and other packages', () => {
    const bounded = [
      "import { createClient } from '@supabase/supabase-js';",
      "import { createClient as sanity } from '@sanity/client';",
      'import { options } from "./config";',
      'const timed = (i, init) => fetch(i, { ...init, signal: AbortSignal.timeout(3000) });',
      'const a = createClient(url, key, { global: { fetch: timed } });',
      'const b = createClient(url, key, options);',
      'const unused = createClient(url, key);',
      'const c = sanity({ projectId: "p" });',
      'export const all = () => [a, b, c];',
    ].join('\n');
    expect(reported(bounded)).toEqual([]);
    const aborted = [
      "import { createClient } from '@supabase/supabase-js';",
      'const db = createClient(url, key);',
      "export const read = () => db.from('a').select().abortSignal(AbortSignal.timeout(2000));",
    ].join('\n');
    expect(reported(aborted)).toEqual([]);
  });

  it('judges each client by its own queries: one signalled query or a comment hides no other', () => {
    const mixed = [
      "import { createClient } from '@supabase/supabase-js';",
      'const db = createClient(url, key);',
      'const other = createClient(url, key);',
      '// TODO .abortSignal(',
      "export const read = async (s) => [await db.from('a').select().abortSignal(s), await db.from('b').select(), await other.from('c').select()];",
    ].join('\n');
    expect(reported(mixed)).toEqual([2, 3]);
    const allSignalled = [
      "import { createClient } from '@supabase/supabase-js';",
      'const db = createClient(url, key);',
      'const other = createClient(url, key);',
      "export const read = async (s) => [await db.from('a').select().abortSignal(s), await other.from('c').select()];",
    ].join('\n');
    expect(reported(allSignalled)).toEqual([3]);
  });
});
