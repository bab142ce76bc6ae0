// One decision for Terraform's and SST's DLQ alarms: does the alarm tell someone?
import { describe, expect, it } from 'vitest';
import { sstAlarmFields } from '../js/rules/sstV3AppAlarms.js';
import { parseHcl } from './hcl.js';
import { alarmSignals, signals, silentAlarmText } from './terraformAlarmSignal.js';

const alarm = (attrs: string) =>
  parseHcl(`resource "aws_cloudwatch_metric_alarm" "a" {\n${attrs}\n}\n`).find(
    (b) => b.labels[0] === 'aws_cloudwatch_metric_alarm',
  );

describe('DLQ alarm signal', () => {
  it.each([
    [
      'paged, any threshold',
      'alarm_actions = [aws_sns_topic.p.arn]\nthreshold = 100\ncomparison_operator = "GreaterThanThreshold"',
      true,
    ],
    [
      'actions switched off, waits for 100',
      'alarm_actions = [aws_sns_topic.p.arn]\nactions_enabled = false\nthreshold = 100\ncomparison_operator = "GreaterThanThreshold"',
      false,
    ],
    [
      'actions switched off, red on the first',
      'alarm_actions = [aws_sns_topic.p.arn]\nactions_enabled = false\nthreshold = 0\ncomparison_operator = "GreaterThanThreshold"',
      true,
    ],
    [
      'no actions, unreadable threshold',
      'alarm_actions = []\nthreshold = var.backlog\ncomparison_operator = "GreaterThanThreshold"',
      true,
    ],
    [
      'empty actions, > 0',
      'alarm_actions = []\nthreshold = 0\ncomparison_operator = "GreaterThanThreshold"',
      true,
    ],
    ['no actions, >= 1', 'threshold = 1\ncomparison_operator = "GreaterThanOrEqualToThreshold"', true],
    ['no actions, >= 2', 'threshold = 2\ncomparison_operator = "GreaterThanOrEqualToThreshold"', false],
    ['no actions, > 100', 'threshold = 100\ncomparison_operator = "GreaterThanThreshold"', false],
  ])('Terraform: %s', (_, attrs, expected) => {
    const block = alarm(attrs);
    expect(block).toBeDefined();
    if (block !== undefined) expect(alarmSignals(block)).toBe(expected);
  });

  it.each([
    ['paged', "alarmActions: [pager.arn], threshold: 100, comparisonOperator: 'GreaterThanThreshold'", true],
    [
      'actionsEnabled false, average of 100',
      "alarmActions: [pager.arn], actionsEnabled: false, threshold: 100, statistic: 'Average', comparisonOperator: 'GreaterThanThreshold'",
      false,
    ],
    [
      'unreadable threshold',
      "alarmActions: [], threshold: backlog, comparisonOperator: 'GreaterThanThreshold'",
      true,
    ],
    [
      'empty actions, > 0',
      "alarmActions: [], threshold: 0, comparisonOperator: 'GreaterThanThreshold'",
      true,
    ],
    ['no actions, >= 1', "threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold'", true],
    [
      'no actions, > 100',
      "alarmActions: [ ], threshold: 100, comparisonOperator: 'GreaterThanThreshold'",
      false,
    ],
  ])('SST: %s', (_, args, expected) => {
    expect(signals(sstAlarmFields(`{ ${args} }`))).toBe(expected);
  });

  it('names the alarm that notifies nobody in the Terraform message', () => {
    const block = alarm('alarm_actions = []\nthreshold = 100\ncomparison_operator = "GreaterThanThreshold"');
    expect(silentAlarmText(block === undefined ? [] : [block])).toBe(
      'has only aws_cloudwatch_metric_alarm.a, which notifies nobody and waits for a backlog (threshold 100, no alarm_actions)',
    );
    expect(silentAlarmText([])).toBe('has no aws_cloudwatch_metric_alarm');
  });
});
