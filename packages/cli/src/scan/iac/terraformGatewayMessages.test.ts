// The folder join's message for a Terraform function routed in another file of its module: the reader is
// told which file holds the integration, since the function's own file shows no route at all.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../scan.js';

const root = join(import.meta.dirname, '../../../fixtures/corpus/terraform/split-module');

describe('iac-gateway-timeout-exceeds-lambda across the files of one Terraform module', () => {
  it('names the file holding the integration the function outlives', async () => {
    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const messages = result.findings
      .filter((f) => f.rule === 'iac-gateway-timeout-exceeds-lambda' && f.file === 'functions.tf')
      .map((f) => f.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages)
      expect(message).toMatch(/integration timeout of \S+ in api\.tf: clients get 504/);
  });
});
