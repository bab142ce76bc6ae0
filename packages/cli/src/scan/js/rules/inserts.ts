// insert-no-upsert: plain inserts on an at-least-once consumer's path (SQL INSERT, Mongo insertOne/insertMany,
// Prisma create, Knex/TypeORM insert). A redelivered message inserts twice, or fails on the unique key.
import {
  calleeName,
  isBooleanLiteral,
  memberPath,
  type Node,
  objectProps,
  propertyName,
  stringValue,
  unwrap,
} from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { chainedMethods } from '../protection.js';
import type { Report } from './Report.js';

const CONSUMER_MODULE =
  /\b(SQSEvent|SQSHandler|SQSRecord|sqsHandler|processPartialResponse|DynamoDBStreamEvent|KinesisStreamEvent|EventBridgeEvent|EventBridgeHandler|SNSEvent|ScheduledEvent)\b|\.Records\b/;
const UPSERT_SQL =
  /on\s+conflict|on\s+duplicate\s+key|insert\s+ignore|insert\s+or\s+(ignore|replace)|\bmerge\s+into|\bwhere\s+not\s+exists/i;

/**
 * A duplicate-key failure, as drivers and ORMs name it: Postgres 23505, MySQL ER_DUP_ENTRY / 1062, Mongo
 * E11000 / 11000, Prisma P2002, Sequelize/TypeORM unique-constraint errors, SQLite's UNIQUE constraint.
 */
const DUPLICATE_KEY =
  /\b23505\b|ER_DUP_ENTRY|\b1062\b|E11000|\b11000\b|\bP2002\b|UniqueConstraint|unique[_\s-]?violation|UNIQUE constraint|duplicate key|DuplicateKey/i;

/**
 * The insert sits in a try whose catch recognises a duplicate key: the natural key is what makes the
 * redelivery a no-op, and the duplicate is answered on purpose.
 */
function duplicateAnswered(ctx: ModuleContext, node: Node): boolean {
  for (let c = node, p = ctx.parentOf(node); p !== undefined; c = p, p = ctx.parentOf(p)) {
    if (p.type === 'TryStatement' && p.block === c && p.handler != null) {
      const h = p.handler as Node;
      if (DUPLICATE_KEY.test(ctx.source.slice(h.start, h.end))) return true;
    }
    // `insert(...).catch((e) => { if (e.code === '23505') return; throw e })`.
    const call = ctx.parentOf(p);
    if (
      p.type === 'MemberExpression' &&
      p.object === c &&
      propertyName(p.property as Node, p.computed as boolean) === 'catch' &&
      call?.type === 'CallExpression'
    ) {
      const handler = (call.arguments as Node[])[0];
      if (handler !== undefined && DUPLICATE_KEY.test(ctx.source.slice(handler.start, handler.end)))
        return true;
    }
  }
  return false;
}

/**
 * Where a module-scope `const INSERT_ORDER = 'INSERT INTO ...'` is used on the handler path, or the literal
 * itself when it is written there.
 */
function usesOnHandlerPath(ctx: ModuleContext, literal: Node): Node[] {
  if (ctx.handlerKindAt(literal) !== undefined) return [literal];
  const declarator = ctx.parentOf(literal);
  const id = declarator?.type === 'VariableDeclarator' ? unwrap(declarator.id) : undefined;
  if (id?.type !== 'Identifier' || ctx.enclosingFunction(literal) !== undefined) return [];
  const uses: Node[] = [];
  for (const call of ctx.of('CallExpression')) {
    if (ctx.handlerKindAt(call) === undefined) continue;
    const named = (call.arguments as Node[]).some((a) => {
      const arg = unwrap(a);
      return (
        arg?.type === 'Identifier' &&
        arg.name === id.name &&
        ctx.resolve(id.name as string, arg)?.declaration === declarator
      );
    });
    if (named) uses.push(call);
  }
  return uses;
}

export function insertRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.isLambdaModule || !CONSUMER_MODULE.test(ctx.source)) return;
  const sqlNodes = [...ctx.of('Literal'), ...ctx.of('TemplateLiteral')];
  for (const node of sqlNodes) {
    const text =
      node.type === 'Literal' ? (typeof node.value === 'string' ? node.value : undefined) : stringValue(node);
    if (text === undefined || !/^\s*insert\s+into\b/i.test(text) || UPSERT_SQL.test(text)) continue;
    const uses = usesOnHandlerPath(ctx, node);
    if (uses.length === 0 || uses.every((u) => duplicateAnswered(ctx, u))) continue;
    report(
      'insert-no-upsert',
      node,
      'plain INSERT in an at-least-once consumer: a redelivered message inserts twice or fails on the unique key',
    );
  }
  for (const call of ctx.of('CallExpression')) {
    if (ctx.handlerKindAt(call) === undefined) continue;
    const name = calleeName(call);
    const path = memberPath(call.callee);
    if (path === undefined || path.length < 2) continue;
    const message = insertMessage(ctx, call, name, path);
    if (message === undefined || duplicateAnswered(ctx, call)) continue;
    report('insert-no-upsert', call, message);
  }
}

function insertMessage(
  ctx: ModuleContext,
  call: Node,
  name: string | undefined,
  path: string[],
): string | undefined {
  if (name === 'insertOne' || name === 'insertMany')
    return `${name}() in an at-least-once consumer: redelivery inserts a duplicate document`;
  if (
    (name === 'create' || name === 'createMany') &&
    path.length >= 3 &&
    /prisma|db|client/i.test(path[0] ?? '')
  ) {
    const opts = objectProps(ctx.valueOf(call.arguments[0]));
    if (name === 'createMany' && isBooleanLiteral(opts?.props.get('skipDuplicates'), true)) return undefined;
    return `${path.join('.')}() in an at-least-once consumer: redelivery creates a duplicate row`;
  }
  // Knex `db('t').insert(...)`, TypeORM `repository.insert(...)` / `manager.insert(Entity, ...)`.
  if (name === 'insert' && /knex|db|trx|query|repo|repository|manager/i.test(path[0] ?? '')) {
    const chain = chainedMethods(ctx, call);
    if (chain.includes('onConflict') || chain.includes('onDuplicateUpdate') || chain.includes('orIgnore'))
      return undefined;
    return 'insert() without onConflict in an at-least-once consumer: redelivery inserts twice';
  }
  return undefined;
}
