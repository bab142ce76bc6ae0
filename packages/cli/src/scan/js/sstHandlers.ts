// SST's typed handler wrapper, `Handler(type, fn)` from `sst/context` (SST v1: `@serverless-stack/node/context`,
// the same call) (`Handler("sqs", async (event) =>
// ...)`): the function it is given is the Lambda's entry whatever the module exports it as (SST names it by
// the handler string, `issue-detected.queue`), and its event is the one `type` names: "sqs" hands it an SQS
// batch. Its callback runs as the handler itself: a throw fails the whole invocation.
import { type Node, stringValue, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';
import { isSstModule } from './sstConstructs.js';

/**
 * The event type an SST `Handler(type, fn)` call declares (`sqs`, `api`), or undefined for any other call.
 * @example
 * sstHandlerType(ctx, call) // `Handler("sqs", async (event) => ...)` with Handler from sst/context -> 'sqs'
 */
export function sstHandlerType(ctx: ModuleContext, call: Node): string | undefined {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return undefined;
  const imp = ctx.importOf(callee.name as string, callee);
  const sst = isSstModule(imp?.source, 'sst/context');
  if (!sst || imp?.imported !== 'Handler') return undefined;
  return stringValue(ctx.valueOf((call.arguments as Node[])[0]));
}
