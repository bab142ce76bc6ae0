// swallowed-error: an Elasticsearch or OpenSearch `client.bulk(...)` whose answer is never read. The bulk
// API answers 200 when some of its documents failed (a mapping conflict, a 429 rejection from a full write
// queue, a version conflict): only the answer's `errors` flag and each `items[i].<action>.error` say so.
// A bulk call that is awaited and dropped, or kept in a variable whose `errors` nobody reads, reports
// every document as written. Judged as the AWS batch APIs are (partialBatch.ts judgeBatch): a result
// handed back is followed to its callers, only logged is still lost.
import { calleeName, type Node, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { judgeBatch } from './partialBatch.js';
import type { Report } from './Report.js';

/** The search clients whose `bulk` answers per-document failures inside a success. */
const SEARCH_CLIENTS = /^(@elastic\/elasticsearch|@opensearch-project\/opensearch|elasticsearch)(\/|$)/;

/** The module imports a search client package. A client built in another module and imported is not judged (a miss). */
function importsSearchClient(ctx: ModuleContext): boolean {
  for (const binding of ctx.imports.values()) if (SEARCH_CLIENTS.test(binding.source)) return true;
  return false;
}

/** `client.bulk(...)`, `this.client.bulk(...)`; not the helpers' `client.helpers.bulk`, which throws or drops by `onDrop`. */
function bulkCall(call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression' || calleeName(call) !== 'bulk') return false;
  const owner = unwrap(callee.object as Node);
  return !(owner?.type === 'MemberExpression' && unwrap(owner.property as Node)?.name === 'helpers');
}

/**
 * `const { body: res } = await client.bulk(...)` (the v7 client's answer): the name `body` is kept under.
 * Undefined unless the answer is destructured with `body` bound to a plain name.
 */
function bodyName(sent: { node: Node; parent: Node | undefined }): string | undefined {
  if (sent.parent?.type !== 'VariableDeclarator') return undefined;
  const id = sent.parent.id as Node;
  if (id.type !== 'ObjectPattern') return undefined;
  for (const p of id.properties as Node[]) {
    const key = p.type === 'Property' ? (p.key as Node) : undefined;
    const value = p.type === 'Property' ? (p.value as Node) : undefined;
    if (key?.name === 'body' && value?.type === 'Identifier') return value.name as string;
  }
  return undefined;
}

/**
 * A bulk answer whose `body` is destructured (Elastic v7) is judged by that name: reported when it is never
 * used again; when it is read for `errors`, or used any other way (returned, handed on), it is not reported.
 * @example
 * // import { Client } from '@elastic/elasticsearch'; ... await this.client.bulk({ body }); -> reported
 * // const res = await client.bulk({ body }); if (res.errors) throw ...                    -> not reported
 */
export function searchBulkRule(ctx: ModuleContext, report: Report): void {
  if (!ctx.spells('.bulk(') || !importsSearchClient(ctx)) return;
  for (const call of ctx.of('CallExpression')) {
    if (!bulkCall(call)) continue;
    const sent = ctx.climb(call, (p) => p.type === 'AwaitExpression' || p.type === 'ParenthesizedExpression');
    const body = bodyName(sent);
    if (body !== undefined) {
      const scope = (ctx.enclosingFunction(sent.node)?.body as Node | undefined) ?? ctx.program;
      const after = ctx.source.slice((sent.parent as Node).end as number, scope.end as number);
      if (!new RegExp(`\\b${body.replace(/[$]/g, '\\$')}\\b`).test(after))
        report(
          'swallowed-error',
          call,
          'bulk answers success even when entries fail: errors is never looked at, so those entries are lost',
        );
      continue;
    }
    judgeBatch(ctx, report, call, sent, 'errors', 'bulk');
  }
}
