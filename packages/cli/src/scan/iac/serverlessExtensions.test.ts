// A DeadLetterConfig merged into a function's Lambda resource from `resources` (an extension or an
// override of its logical id) keeps its failed async events, as `deadLetter` does.
import { describe, expect, it } from 'vitest';
import type { Json } from './IacResult.js';
import { checkServerless } from './serverless.js';

const DLQ: Json = { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['CalendarDLQ', 'Arn'] } } };

/** The functions reported as async consumers with no failure target, for a config with these `resources`. */
function asyncMisses(key: string, resources: Record<string, Json>): string[] {
  const config: Record<string, Json> = {
    service: 'calendar',
    provider: { name: 'aws' },
    functions: {
      [key]: {
        handler: 'src/subscribe.handler',
        events: [{ eventBridge: { pattern: { source: ['cal'] } } }],
      },
    },
    resources: {
      Resources: {
        CalendarDLQ: { Type: 'AWS::SQS::Queue' },
        CalendarDLQAlarm: {
          Type: 'AWS::CloudWatch::Alarm',
          Properties: {
            MetricName: 'ApproximateNumberOfMessagesVisible',
            Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['CalendarDLQ', 'QueueName'] } }],
          },
        },
        ...obj(resources.Resources),
      },
      ...(resources.extensions !== undefined ? { extensions: resources.extensions } : {}),
    },
  };
  const keys: string[] = [];
  checkServerless(
    config,
    (rule, path, message) => {
      if (rule === 'iac-missing-dlq' && /invoked asynchronously/.test(message)) keys.push(String(path[1]));
    },
    [],
  );
  return keys;
}

function obj(v: Json): Record<string, Json> {
  return v !== null && typeof v === 'object' ? (v as Record<string, Json>) : {};
}

describe('a DeadLetterConfig given through resources', () => {
  it.each([
    [
      'an extension of the function',
      'subscribeCalendar',
      { extensions: { SubscribeCalendarLambdaFunction: { Properties: DLQ } } },
    ],
    [
      'an override under Resources',
      'subscribeCalendar',
      { Resources: { SubscribeCalendarLambdaFunction: { Properties: DLQ } } },
    ],
    [
      'a dashed key, spelled as the Framework does',
      'subscribe-calendar',
      { extensions: { SubscribeDashcalendarLambdaFunction: { Properties: DLQ } } },
    ],
  ])('keeps the failures: %s', (_, key, resources) => {
    expect(asyncMisses(key, resources)).toEqual([]);
  });

  it.each([
    [
      'an extension of another function',
      'subscribeCalendar',
      { extensions: { ResubscribeCalendarsLambdaFunction: { Properties: DLQ } } },
    ],
    [
      'an extension setting only the timeout',
      'subscribeCalendar',
      { extensions: { SubscribeCalendarLambdaFunction: { Properties: { Timeout: 30 } } } },
    ],
  ])('still reported: %s', (_, key, resources) => {
    expect(asyncMisses(key, resources)).toEqual([key]);
  });
});
