// iac-gateway-timeout-exceeds-lambda for a serverless.ts whose functions are imported from their own
// modules (the aws-nodejs-typescript template: `functions: { createPost }`, each module exporting
// `{ handler, events: [{ http: {...} }] }`). Such a definition that sets no `timeout` runs with
// `provider.timeout`, so the finding is at that value, as for a serverless.yml; the project pass keeps it
// when an imported definition sits behind an API (ExportFact.serverlessApi) whose limit the timeout reaches.
// A definition with its own `timeout` is judged in its own module (serverlessTs.ts).

import { type Node, objectProps, unwrap } from '../ast.js';
import type { ImportRef } from '../Candidate.js';
import type { ModuleContext } from '../ModuleContext.js';

/** Integration limits in seconds: a REST or WebSocket API waits 29 s, an HTTP API 30 s. */
const EVENT_LIMITS: Readonly<Record<string, number>> = { http: 29, websocket: 29, httpApi: 30 };

/**
 * The integration limit in front of a Serverless function definition that sets no `timeout` of its own,
 * or undefined when it has one, has no handler, or no API event.
 * @example
 * serverlessApiLimit(ctx, node) // 29 for `{ handler: '...', events: [{ http: { method: 'post', path } }] }`
 */
export function serverlessApiLimit(ctx: ModuleContext, node: Node): number | undefined {
  const own = objectProps(node);
  if (own === undefined || own.props.has('timeout') || !own.props.has('handler')) return undefined;
  // A spread may carry a timeout the scan cannot read.
  if (own.spread) return undefined;
  const events = unwrap(ctx.valueOf(own.props.get('events')));
  if (events?.type !== 'ArrayExpression') return undefined;
  let limit: number | undefined;
  for (const e of events.elements as (Node | null)[]) {
    const keys = objectProps(ctx.valueOf(e ?? undefined))?.props;
    for (const key of keys?.keys() ?? []) {
      const seconds = EVENT_LIMITS[key];
      if (seconds !== undefined) limit = Math.min(limit ?? seconds, seconds);
    }
  }
  return limit;
}

/**
 * The project imports a configuration's `functions` object names (`functions: { createPost, getPost:
 * getPostFn }`), as references the project pass resolves to their modules.
 * @example
 * importedFunctionRefs(ctx, functionsNode) // [{ from: '/app/serverless.ts', source: '@functions/index', name: 'createPost' }]
 */
export function importedFunctionRefs(ctx: ModuleContext, functions: Node | undefined): ImportRef[] {
  const own = objectProps(functions);
  if (own === undefined) return [];
  const refs: ImportRef[] = [];
  for (const value of own.props.values()) {
    const v = unwrap(value);
    if (v?.type !== 'Identifier') continue;
    const bound = ctx.importOf(v.name as string, v);
    // Path aliases (`@functions/index`, `src/functions/x`) are the project's too: resolved by the project pass.
    if (bound === undefined) continue;
    refs.push({ from: ctx.file, source: bound.source, name: bound.imported });
  }
  return refs;
}
