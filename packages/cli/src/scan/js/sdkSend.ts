// `client.send(new XCommand(...))`: an AWS SDK v3 call (as opposed to `res.send(body)` in a web framework).
import { memberPath, type Node, unwrap } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

const CLIENTISH =
  /client|sqs|sns|ddb|dynamo|s3|eventbridge|events|kms|ssm|lambda|bus|sfn|kinesis|firehose|secrets|sts|cognito/i;

export function isSdkSend(ctx: ModuleContext, call: Node): boolean {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'MemberExpression') return false;
  const name = callee.property?.name;
  if (name !== 'send' || (call.arguments as Node[]).length === 0) return false;
  const arg = ctx.valueOf((call.arguments as Node[])[0]);
  if (
    arg?.type === 'NewExpression' &&
    /Command$/.test(unwrap(arg.callee)?.name ?? memberPath(arg.callee)?.at(-1) ?? '')
  )
    return true;
  const receiver = memberPath(callee.object)?.at(-1) ?? '';
  return CLIENTISH.test(receiver);
}
