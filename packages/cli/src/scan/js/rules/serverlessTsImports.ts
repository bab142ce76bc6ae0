// iac-gateway-timeout-exceeds-lambda for a serverless.ts whose functions are imported from their own
// modules (the aws-nodejs-typescript template: `functions: { createPost }`, each module exporting
// `{ handler, events: [{ http: {...} }] }`). Such a definition that sets no `timeout` runs with
// `provider.timeout`, so the finding is at that value, as for a serverless.yml; the project pass keeps it
// when an imported definition sits behind an API (ExportFact.serverlessApi) whose limit the timeout reaches.
// A definition with its own `timeout` is judged in its own module (serverlessTs.ts).

import { forEachDescendant, type Node, objectProps, unwrap } from '../ast.js';
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
 * getPostFn }`), as references the project pass resolves to their modules. A namespace import stands for
 * every definition its module exports (`import * as routers from './router'`), whether it is the value
 * itself, spread into it (`{ ...routers }`), or what a local function returns (`functions: getRouters()`):
 * its reference is named `*` (importedApiLimits.ts reads each export). Only names the code spells are
 * read; nothing is evaluated.
 * @example
 * importedFunctionRefs(ctx, functionsNode) // [{ from: '/app/serverless.ts', source: '@functions/index', name: 'createPost' }]
 */
export function importedFunctionRefs(ctx: ModuleContext, functions: Node | undefined): ImportRef[] {
  const value = returnedBy(ctx, functions);
  const whole = namespaceRef(ctx, value);
  if (whole !== undefined) return [whole];
  const own = objectProps(value);
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
  for (const p of (unwrap(value)?.properties ?? []) as Node[]) {
    const spread = p.type === 'SpreadElement' ? namespaceRef(ctx, p.argument as Node) : undefined;
    if (spread !== undefined) refs.push(spread);
  }
  return refs;
}

/** A namespace import `node` names, as a reference to all its module exports. */
function namespaceRef(ctx: ModuleContext, node: Node | undefined): ImportRef | undefined {
  const v = unwrap(node);
  if (v?.type !== 'Identifier') return undefined;
  const bound = ctx.importOf(v.name as string, v);
  return bound?.imported === '*' ? { from: ctx.file, source: bound.source, name: '*' } : undefined;
}

/**
 * What `node` stands for: a call of a function declared in this module, with no arguments, stands for
 * the one value its body returns (`const getRouters = () => { ...; return routers; }`).
 */
function returnedBy(ctx: ModuleContext, node: Node | undefined): Node | undefined {
  const v = unwrap(ctx.valueOf(node));
  if (v?.type !== 'CallExpression' || (v.arguments as Node[]).length > 0) return v;
  const fn = ctx.functionOf(v.callee as Node);
  const body = unwrap(fn?.body as Node | undefined);
  if (body === undefined) return v;
  if (body.type !== 'BlockStatement') return unwrap(ctx.valueOf(body));
  // One value for every path through the body: its only return, at its top level (nested functions aside).
  const returns = (body.body as Node[]).filter((s) => s.type === 'ReturnStatement');
  let all = 0;
  forEachDescendant(
    body,
    (n) => {
      if (n.type === 'ReturnStatement') all++;
      return undefined;
    },
    true,
  );
  if (returns.length !== 1 || all !== 1) return v;
  return unwrap(ctx.valueOf(returns[0]?.argument as Node | undefined));
}
