// SDK clients whose options come from a module the scan cannot find (a Lambda layer, a path alias) are
// reported with low confidence and say so; options read in full keep the rule's own confidence.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const root = join(import.meta.dirname, '../../fixtures/corpus/sdk/unread');

describe('sdk-client-no-timeout with options the scan cannot read', () => {
  it('reports them with low confidence, naming the module it could not read', async () => {
    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const found = result.findings
      .filter((f) => f.rule === 'sdk-client-no-timeout')
      .map((f) => ({ at: `${f.file}:${f.line}`, confidence: f.confidence, message: f.message }));
    expect(found).toEqual([
      {
        at: 'layerClients.js:16',
        confidence: 'low',
        message: expect.stringContaining(
          "unless its options (customAwsConfig from 'aws-nodesdk-custom-config', a module the scan could not read) set one",
        ),
      },
      {
        at: 'layerClients.js:17',
        confidence: 'low',
        message: expect.stringContaining("layerOptions from '/opt/nodejs/sdk-options'"),
      },
      {
        at: 'layerClients.js:18',
        confidence: 'low',
        message: expect.stringContaining("clientConfig from '@shared/aws/config'"),
      },
      {
        at: 'ssm.ts:5',
        confidence: 'high',
        message: 'SSMClient has no requestHandler, so requests have no connection or request timeout',
      },
    ]);
  });
});
