// iac-missing-dlq for a Serverless Framework function that no event of its configuration triggers but the
// project's own code invokes asynchronously (`InvocationType: 'Event'`, rules/asyncInvokeNames.ts). Lambda
// retries such an invocation twice and then drops it unless the function has an on-failure target
// (`destinations.onFailure`, `onError`, `deadLetter`). The aws-nodejs-typescript layout splits the join:
// serverless.ts names each imported definition (`functions: { notify }`, deployed as `service-stage-notify`)
// and the definition's own module (`export default { handler, timeout }`) is where the fix is written, so
// the definition is a candidate kept by the project pass (invokedFunctions.ts) when its name is invoked.
import { type Node, objectProps, propertyName, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Rule } from './Report.js';

/** Settings that give a Serverless function an on-failure target (serverless-plugin-lambda-dead-letter's too). */
const FAILURE_TARGETS = ['destinations', 'onError', 'deadLetter'];

/** The service name of a configuration (`service: 'orders'` or `service: { name: 'orders' }`). */
function serviceName(ctx: ModuleContext, node: Node | undefined): string | undefined {
  const v = unwrap(ctx.valueOf(node));
  return stringValue(v) ?? stringValue(unwrap(ctx.valueOf(objectProps(v)?.props.get('name'))));
}

/** Notes the deployed names of the definitions a serverless.ts imports into `functions`. */
function noteConfigNames(ctx: ModuleContext, root: Node): void {
  const props = objectProps(root)?.props;
  const service = serviceName(ctx, props?.get('service'));
  const functions = objectProps(unwrap(ctx.valueOf(props?.get('functions'))));
  if (service === undefined || service.includes('${') || functions === undefined) return;
  for (const [key, value] of functions.props) {
    const v = unwrap(value);
    const bound = v?.type === 'Identifier' ? ctx.importOf(v.name as string, v) : undefined;
    if (bound === undefined) continue;
    // The framework's default name: the stage (`*`) is the deploy's.
    ctx.serverlessFunctionNames.push({
      ref: { from: ctx.file, source: bound.source, name: bound.imported },
      names: [`${service}-*-${key}`],
    });
  }
}

/** The name a definition object is exported by: `default`, or its `export const` name. */
function exportedAs(ctx: ModuleContext, object: Node): string | undefined {
  const { parent } = ctx.climb(
    object,
    (p) => p.type.startsWith('TS') || p.type === 'ParenthesizedExpression',
  );
  if (parent?.type === 'ExportDefaultDeclaration') return 'default';
  if (parent?.type !== 'VariableDeclarator' || (parent.id as Node).type !== 'Identifier') return undefined;
  const declaration = ctx.parentOf(parent);
  return ctx.parentOf(declaration as Node)?.type === 'ExportNamedDeclaration'
    ? ((parent.id as Node).name as string)
    : undefined;
}

/** Reports each exported definition with a handler, no events and no on-failure target, as a candidate. */
function checkDefinitions(ctx: ModuleContext, report: Parameters<Rule>[1]): void {
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node) !== 'handler') continue;
    const object = ctx.parentOf(p) as Node;
    const own = objectProps(object);
    // A spread may carry the events or the destination the scan cannot read.
    if (own === undefined || own.spread) continue;
    const events = unwrap(own.props.get('events'));
    if (
      events !== undefined &&
      !(events.type === 'ArrayExpression' && (events.elements as Node[]).length === 0)
    )
      continue;
    if (FAILURE_TARGETS.some((k) => own.props.has(k))) continue;
    const name = exportedAs(ctx, object);
    if (name === undefined) continue;
    report(
      'iac-missing-dlq',
      object,
      "function invoked asynchronously by the project's code (InvocationType 'Event') has no on-failure target: after Lambda's two retries the event is dropped (set destinations.onFailure or a DLQ)",
      { onlyIfInvokedAsync: name },
    );
  }
}

/**
 * @example
 * // serverless.ts: { service: 'DRKunta', provider, functions: { notify } } -> ctx.serverlessFunctionNames [{ ref, names: ['DRKunta-*-notify'] }]
 * // notify/index.ts: export default { handler: `${handlerPath(__dirname)}/handler.main`, timeout: 30 } -> candidate
 */
export const serverlessTsInvokedRules: Rule = (ctx, report) => {
  if (!ctx.spells('handler') && !ctx.spells('functions')) return;
  let config = false;
  for (const p of ctx.of('Property')) {
    if (propertyName(p.key as Node) !== 'functions') continue;
    const root = ctx.parentOf(p) as Node;
    const props = objectProps(root)?.props;
    if (props?.has('provider') !== true || !props.has('service')) continue;
    config = true;
    noteConfigNames(ctx, root);
  }
  if (!config) checkDefinitions(ctx, report);
};
