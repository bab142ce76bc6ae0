// What a Serverless configuration sets on a function's generated CloudFormation rather than on the function:
// `resources.extensions.<Fn>LambdaFunction.Properties` (or an override of the same logical id under
// `resources.Resources`) is merged into the resource the Framework builds for the function. A
// `DeadLetterConfig` there keeps failed async events as `deadLetter` would.
import { type Json, obj } from './IacResult.js';
import { functionLogicalId } from './serverlessStepTasks.js';

/**
 * The `DeadLetterConfig.TargetArn` the configuration's `resources` give function `key`'s Lambda resource
 * through an extension or an override; undefined when none does.
 * @example
 * // resources.extensions.SubscribeCalendarLambdaFunction.Properties.DeadLetterConfig.TargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] }
 * extendedDeadLetter(config, 'subscribeCalendar') // { 'Fn::GetAtt': ['Dlq', 'Arn'] }
 */
export function extendedDeadLetter(config: Record<string, Json>, key: string): Json | undefined {
  const resources = obj(config.resources);
  const id = functionLogicalId(key);
  for (const section of [resources?.extensions, resources?.Resources]) {
    const target = obj(obj(obj(obj(section)?.[id])?.Properties)?.DeadLetterConfig)?.TargetArn;
    if (target !== undefined && target !== null) return target;
  }
  return undefined;
}
