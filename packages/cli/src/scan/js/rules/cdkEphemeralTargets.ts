// iac-missing-dlq for EventBridge targets in CDK code, like templates (iac/ephemeralTargets.ts): an event
// dropped after the async retries matters when it carries work. A function whose permissions in this module
// are only reads (`table.grantReadData(fn)`) and outputs worthless once late (a live push over AppSync
// Events or IoT, a CloudWatch metric) loses nothing a dead-letter queue could give back. A role of its
// own, any write grant, or an endpoint in its environment keeps the finding.
import { calleeName, memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { namesWord, plainFunctionProps } from './cdkFunctionEnvironment.js';

const EPHEMERAL_ACTION =
  /^(appsync:EventPublish|iot:(Publish|Connect)|cloudwatch:PutMetricData|logs:[A-Za-z*]+|xray:[A-Za-z*]+)$/;
const PUSH_ACTION = /^(appsync:EventPublish|iot:Publish|cloudwatch:PutMetricData)$/;
const READ_GRANT = /^grantRead(Data)?$/;
const ENDPOINT_WORD = /^(URL|URI|ENDPOINT|HOST|HOSTNAME|API|DATABASE|DB|FUNCTION|QUEUE|TOPIC)$/i;

function statementActions(ctx: ModuleContext, statement: Node | undefined): string[] | undefined {
  const made = ctx.valueOf(unwrap(statement));
  if (made?.type !== 'NewExpression') return undefined;
  const actions = ctx.valueOf(objectProps(ctx.valueOf((made.arguments as Node[])[0]))?.props.get('actions'));
  if (actions?.type !== 'ArrayExpression') return undefined;
  const list = (actions.elements as (Node | null)[]).map((e) => (e === null ? undefined : stringValue(e)));
  return list.every((a) => a !== undefined) ? (list as string[]) : undefined;
}

/**
 * The function held in `fnName` only reads and pushes (or counts) in this module: a late replay of a
 * dropped event would push a stale state.
 *
 * @example
 * onlyPushesInCdk(ctx, 'notify', props) // table.grantReadData(notify); notify.addToRolePolicy(appsync:EventPublish) -> true
 */
export function onlyPushesInCdk(
  ctx: ModuleContext,
  fnName: string | undefined,
  fnProps: ReturnType<typeof objectProps>,
): boolean {
  if (!plainFunctionProps(ctx, fnName, fnProps, ENDPOINT_WORD)) return false;
  let pushes = 0;
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call) ?? '';
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    if (
      (name === 'addToRolePolicy' || name === 'addToPrincipalPolicy') &&
      memberPath(callee.object)?.join('.') === fnName
    ) {
      const actions = statementActions(ctx, call.arguments[0] as Node | undefined);
      if (actions === undefined || actions.length === 0 || !actions.every((a) => EPHEMERAL_ACTION.test(a)))
        return false;
      if (actions.some((a) => PUSH_ACTION.test(a))) pushes++;
    } else if (name === 'addEnvironment' && memberPath(callee.object)?.join('.') === fnName) {
      const key = stringValue(call.arguments[0] as Node | undefined) ?? '';
      if (namesWord(key, ENDPOINT_WORD)) return false;
    } else if (name.startsWith('grant')) {
      const args = call.arguments as Node[];
      if (!args.some((a) => memberPath(a)?.join('.') === fnName)) continue;
      if (!READ_GRANT.test(name)) return false;
    }
  }
  return pushes > 0;
}
