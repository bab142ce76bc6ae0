// A thin wrapper around a v3 aggregated client's batch call (`return eventBridge.putEvents(request)`, the
// client built through an X-Ray capture) hands the answer back unread: each importer that awaits it and
// drops the answer is the finding, not the wrapper's one send. A guard that throws on a missing input
// before the send is no handling of the answer.
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-aggregated-');

const UTILS = `import { EventBridge } from '@aws-sdk/client-eventbridge';
import * as AWSXRay from 'aws-xray-sdk';
const eventBridge = AWSXRay.captureAWSv3Client(new EventBridge({}));
export const putDomainEventAsync = async ({ eventBusName, detail }) => {
  if (eventBusName === undefined) throw new Error('eventBusName === undefined');
  const request = { Entries: [{ EventBusName: eventBusName, Detail: JSON.stringify(detail) }] };
  return eventBridge.putEvents(request);
};
`;

const HANDLER = (use: string) => `import { putDomainEventAsync } from '../lib/utils';
export const handler = async (event) => {
  ${use}
};
`;

async function findings(use: string): Promise<string[]> {
  const root = tree({ 'src/lib/utils.ts': UTILS, 'src/orders/handler.ts': HANDLER(use) });
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.rule === 'swallowed-error').map((f) => `${f.file}:${f.line}`);
}

describe('a thin wrapper around an aggregated client batch call', () => {
  it('is judged at the importer that drops its answer', async () => {
    // Act
    const found = await findings(
      'await putDomainEventAsync({ eventBusName: process.env.BUS, detail: event });',
    );

    // Assess
    expect(found).toEqual(['src/orders/handler.ts:3']);
  });

  it('stays silent where the importer reads the failed entries', async () => {
    // Act
    const found = await findings(
      `const out = await putDomainEventAsync({ eventBusName: process.env.BUS, detail: event });
  if (out.FailedEntryCount) throw new Error('not all events were sent');`,
    );

    // Assess
    expect(found).toEqual([]);
  });
});
