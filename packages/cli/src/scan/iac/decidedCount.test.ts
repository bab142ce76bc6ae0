import { describe, expect, it } from 'vitest';
import { countDecided } from './decidedCount.js';

describe('countDecided', () => {
  it('takes a comment at the end of the count line as its reason', () => {
    const yaml = [
      'RedrivePolicy:',
      '  deadLetterTargetArn: !GetAtt Dlq.Arn',
      '  maxReceiveCount: 166 # 999 hours / 6 hours',
    ];
    expect(countDecided(yaml, 1)).toBe(true);
  });

  it('takes a comment line just above the count as its reason', () => {
    const hcl = [
      'redrive_policy = jsonencode({',
      '  # one hourly check a receive: two days',
      '  maxReceiveCount = 48',
      '})',
    ];
    expect(countDecided(hcl, 1)).toBe(true);
  });

  it('does not take a comment on another line of the policy', () => {
    const yaml = [
      'MessageRetentionPeriod: 86400 # 1 day',
      'RedrivePolicy:',
      '  deadLetterTargetArn: !GetAtt Dlq.Arn # the parking queue',
      '  maxReceiveCount: 8',
    ];
    expect(countDecided(yaml, 2)).toBe(false);
  });

  it('does not read a URL in a string as a comment', () => {
    const hcl = ['redrive_policy = "{\\"deadLetterTargetArn\\":\\"https://x\\",\\"maxReceiveCount\\":9}"'];
    expect(countDecided(hcl, 1)).toBe(false);
  });

  it('does not take a fixture label as a reason, but keeps the prose before one', () => {
    expect(countDecided(['  maxReceiveCount: 8 # expect: iac-missing-dlq'], 1)).toBe(false);
    expect(countDecided(['  maxReceiveCount = 20 // trap: iac-missing-dlq'], 1)).toBe(false);
    expect(countDecided(['  maxReceiveCount: 166 # 999 hours / 6 hours  trap: iac-missing-dlq'], 1)).toBe(
      true,
    );
  });

  it('answers false when no count sits near the reported line', () => {
    expect(countDecided(['Queue:', '  Type: AWS::SQS::Queue'], 1)).toBe(false);
  });
});
