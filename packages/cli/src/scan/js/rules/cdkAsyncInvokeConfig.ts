// iac-missing-dlq at a CDK function's own async-invoke configuration (`fn.configureAsyncInvoke({ retryAttempts:
// 0 })`, also on an Amplify Gen 2 function's `backend.x.resources.lambda`): turning retries off makes the first
// failure final, so with no `onFailure` destination in the options and no DLQ on the function's props a failed
// asynchronous run leaves only a log line. Readers label exactly this shape; a configuration that keeps
// retries, or only shortens `maxEventAge` (a stale event deliberately worthless), is not read here.
import { memberPath, type Node, numberValue, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { fieldConstruct, functionConstruct, functionHasAsyncDlq } from './cdkHandlers.js';
import type { Report } from './Report.js';

/**
 * Whether the function a `configureAsyncInvoke` call is made on may have a DLQ of its own: its props, when
 * the module builds it, name one or spread something the scan cannot read. A function built elsewhere (an
 * Amplify `resources.lambda`) is taken as having none: the configuration here is the one place to add it.
 */
function functionMayHaveDlq(ctx: ModuleContext, receiver: Node | undefined): boolean {
  const built =
    functionConstruct(ctx, receiver) ?? (receiver === undefined ? undefined : fieldConstruct(ctx, receiver));
  if (built === undefined) return false;
  if (built.props === undefined) return true;
  return built.props.spread || functionHasAsyncDlq(built.props);
}

/**
 * Reports each `configureAsyncInvoke({ retryAttempts: 0 })` of the module with no `onFailure` when the
 * function has no dead-letter queue or destination of its own.
 */
export function asyncInvokeWithoutDestination(ctx: ModuleContext, report: Report): void {
  for (const call of ctx.of('CallExpression')) {
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression' || memberPath(callee)?.at(-1) !== 'configureAsyncInvoke')
      continue;
    const options = objectProps(ctx.valueOf((call.arguments as Node[])[0]));
    if (options === undefined || options.spread || options.props.has('onFailure')) continue;
    if (numberValue(ctx.valueOf(options.props.get('retryAttempts'))) !== 0) continue;
    if (functionMayHaveDlq(ctx, unwrap(callee.object as Node))) continue;
    report(
      'iac-missing-dlq',
      call,
      'async invoke configured with retryAttempts 0 and no onFailure destination or DLQ: a failed run is dropped after one try',
    );
  }
}
