// insert-no-upsert in its GraphQL form: a Hasura insert mutation (`insert_<table>_one(object: ...)`,
// `insert_<table>(objects: ...)`) without an `on_conflict` argument is a plain INSERT (Hasura's docs: the
// upsert is the same mutation with `on_conflict: { constraint, update_columns }`). Sent from an
// at-least-once consumer's handler, a redelivered event fails on the primary key or inserts twice.
// Reported at the insert field inside the document, where `on_conflict` goes.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { ConsumerView } from '../wiredConsumer.js';
import { usesOf } from './inserts.js';
import type { Report } from './Report.js';

const HASURA_INSERT = /\binsert_\w+\s*\(/;

/** The insert fields of a mutation document, each with no `on_conflict` in its arguments. */
function plainInserts(text: string): number[] {
  if (!/\bmutation\b/.test(text) || !HASURA_INSERT.test(text)) return [];
  const found: number[] = [];
  for (const m of text.matchAll(/\binsert_\w+\s*\(/g)) {
    const close = text.indexOf(')', m.index);
    const args = text.slice(m.index, close < 0 ? undefined : close);
    if (!args.includes('on_conflict')) found.push(m.index);
  }
  return found;
}

/**
 * Hasura insert mutations with no on_conflict sent on an at-least-once consumer's handler path.
 * @example
 * graphqlInsertRule(ctx, report, view); // reports insert_orders_one(object: $o) { id } sent by an EventBridge consumer
 */
export function graphqlInsertRule(ctx: ModuleContext, report: Report, view: ConsumerView): void {
  if (ctx.handlers.size === 0 || !view.consumer || !ctx.spells('insert_')) return;
  const onPath = (n: Node) => ctx.handlerKindAt(n) !== undefined;
  for (const node of ctx.of('TemplateLiteral')) {
    const raw = ctx.source.slice(node.start, node.end);
    const inserts = plainInserts(raw);
    if (inserts.length === 0) continue;
    const tagged = ctx.parentOf(node);
    const literal = tagged?.type === 'TaggedTemplateExpression' ? tagged : node;
    if (usesOf(ctx, literal, onPath).length === 0) continue;
    for (const offset of inserts) {
      const at = {
        type: 'TemplateElement',
        start: node.start + offset,
        end: node.start + offset + 7,
      } as Node;
      report(
        'insert-no-upsert',
        at,
        'GraphQL insert mutation with no on_conflict in an at-least-once consumer: a redelivered message fails on the key or inserts twice',
        view.extra,
      );
    }
  }
}
