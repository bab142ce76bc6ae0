import { describe, expect, it } from 'vitest';
import { hclCountLine } from './receiveCountLine.js';

describe('hclCountLine', () => {
  it('finds the count inside a multi-line jsonencode policy', () => {
    const raw =
      'jsonencode({\n    deadLetterTargetArn = aws_sqs_queue.dlq.arn\n    maxReceiveCount     = 25\n  })';
    expect(hclCountLine({ raw, line: 3 })).toBe(5);
  });

  it('finds the count in a one-line JSON string and in a module map', () => {
    expect(hclCountLine({ raw: '"{\\"maxReceiveCount\\":40}"', line: 7 })).toBe(7);
    expect(hclCountLine({ raw: '{\n    maxReceiveCount = 30\n  }', line: 28 })).toBe(29);
  });

  it("keeps the attribute's line when the count is not written in it", () => {
    expect(hclCountLine({ raw: 'var.redrive_policy', line: 12 })).toBe(12);
  });
});
