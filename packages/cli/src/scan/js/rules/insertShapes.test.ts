// Which inserts insert-no-upsert knows by the call's shape (insertShapes.ts).
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { contextOf } from '../testing/parsed.js';
import { clickhouseAppend, prismaShapedCreate, projectWrapperCall } from './insertShapes.js';

/** The module's last statement's awaited call, with `prelude` before it. */
function lastCall(prelude: string, call: string): { ctx: ModuleContext; call: Node } {
  const source = `${prelude}\nasync function f(rows, token) { await ${call}; }`;
  const ctx = contextOf(source, 'm.js');
  const body = ctx.program.body as Node[];
  const fn = body[body.length - 1] as Node;
  const awaited = ((fn.body as Node).body as Node[])[0]?.expression as Node;
  return { ctx, call: awaited.argument as Node };
}

describe('clickhouseAppend', () => {
  it.each([
    ['table and values', "client.insert({ table: 'events', values: rows, format: 'JSONEachRow' })", true],
    [
      'a settings object without a token',
      "client.insert({ table: 't', values: rows, clickhouse_settings: { async_insert: 1 } })",
      true,
    ],
    [
      'a deduplication token',
      "client.insert({ table: 't', values: rows, clickhouse_settings: { insert_deduplication_token: token } })",
      false,
    ],
    [
      'settings it cannot read',
      "client.insert({ table: 't', values: rows, clickhouse_settings: opts })",
      false,
    ],
    [
      'an in-house writer with a key ClickHouse does not take',
      "audit.insert({ table: 'orders', values: rows, actor: token })",
      false,
    ],
    [
      'defaults spread in, which may carry the token',
      'client.insert({ ...defaults, table, values: rows })',
      false,
    ],
    ['a Knex insert of rows', 'db.insert(rows)', false],
    ['a TypeORM manager insert', 'manager.insert(Order, rows)', false],
  ])('%s', (_name, call, expected) => {
    const { ctx, call: node } = lastCall('', call);
    expect(clickhouseAppend(ctx, node)).toBe(expected);
  });
});

describe('prismaShapedCreate', () => {
  it.each([
    ['data only', 'db.question.create({ data: { text: rows } })', true],
    ['data and select', 'db.question.create({ data: rows, select: { id: true } })', true],
    ['createMany with skipDuplicates', 'db.script.createMany({ data: rows, skipDuplicates: true })', true],
    ['an SMS send', "client.messages.create({ to: token, body: 'hi' })", false],
    ['a chat completion with a data field', 'client.messages.create({ model: token, data: rows })', false],
    ['a spread argument', 'db.question.create({ ...rows, data: rows })', false],
  ])('%s', (_name, call, expected) => {
    const { ctx, call: node } = lastCall('', call);
    expect(prismaShapedCreate(ctx, node)).toBe(expected);
  });
});

describe('projectWrapperCall', () => {
  // The import the project pass looks the class up in; whether it defines its own insert is settled there.
  it.each([
    [
      'an instance of a required project class',
      "const Repo = require('./Repo'); const repo = new Repo();",
      './Repo',
    ],
    [
      'an instance of an imported project class',
      "import { Repo } from '../db/Repo'; const repo = new Repo();",
      '../db/Repo',
    ],
    [
      'an instance of a class through a path alias',
      "import { Repo } from '@/repo/Repo'; const repo = new Repo();",
      '@/repo/Repo',
    ],
    [
      'an instance of a package class',
      "import { Repo } from 'some-orm'; const repo = new Repo();",
      'some-orm',
    ],
    ['a repository handed in', 'const repo = makeRepo();', undefined],
  ])('%s', (_name, prelude, expected) => {
    const { ctx, call } = lastCall(prelude, "repo.insert('events', rows)");
    expect(projectWrapperCall(ctx, call)?.source).toBe(expected);
  });
});
