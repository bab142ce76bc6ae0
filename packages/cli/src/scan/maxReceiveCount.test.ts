// The maxReceiveCount limit: per consumer type, from the config, one step below the critical "no redrive".
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeScanConfig } from './config.js';
import { scan } from './scan.js';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Polled:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt PolledDlq.Arn
        maxReceiveCount: 7
  PolledDlq:
    Type: AWS::SQS::Queue
  Other:
    Type: AWS::SQS::Queue
    Properties:
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt PolledDlq.Arn
        maxReceiveCount: 6
  Consumer:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      ReservedConcurrentExecutions: 2
      Events:
        Queue:
          Type: SQS
          Properties:
            Queue: !GetAtt Polled.Arn
            FunctionResponseTypes: [ReportBatchItemFailures]
`;

async function redriveFindings(config: Parameters<typeof normalizeScanConfig>[0]) {
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-receive-'));
  writeFileSync(join(dir, 'template.yaml'), TEMPLATE);
  const result = await scan({ root: dir, workers: 0, config: normalizeScanConfig(config) });
  return result.findings
    .filter((f) => f.rule === 'iac-missing-dlq' && f.message.includes('maxReceiveCount'))
    .map((f) => ({ severity: f.severity, message: f.message }));
}

describe('maxReceiveCount limit', () => {
  it('defaults to 10 for a queue a Lambda event source polls and 5 for other consumers, as high (not critical)', async () => {
    // Act
    const findings = await redriveFindings({});

    // Assess: 7 is within AWS's guidance for Lambda pollers; 6 is above the limit for others.
    expect(findings).toEqual([
      {
        severity: 'high',
        message: 'queue Other maxReceiveCount 6 > 5: poison messages churn 6 times before the DLQ',
      },
    ]);
  });

  it('takes the limits from the config, per consumer type', async () => {
    // Act
    const findings = await redriveFindings({ maxReceiveCount: { lambda: 5, other: 6 } });

    // Assess
    expect(findings).toEqual([
      {
        severity: 'high',
        message:
          'queue Polled maxReceiveCount 7 > 5 for a Lambda consumer: poison messages churn 7 times before the DLQ',
      },
    ]);
  });

  it('keeps a severity set for the rule in the config', async () => {
    // Act
    const findings = await redriveFindings({ rules: { 'iac-missing-dlq': 'critical' } });

    // Assess
    expect(findings.map((f) => f.severity)).toEqual(['critical']);
  });
});
