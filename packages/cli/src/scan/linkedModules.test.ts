// A function's folder that holds links to the shared modules it bundles (`functions/verify/route-53.js ->
// ../../shared/route-53.js`): discovery reads each shared module once, at its real path, and an import of
// the link is an import of that module. Without following the file link the shared module looked unimported,
// and its findings were dropped as dead code.
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

const tree = tempTrees('bulwark-linked-');

const CLIENT = (name: string) => `import { Route53Client } from '@aws-sdk/client-route-53';
/** The ${name} client. */
export default new Route53Client({});
`;

const FILES = {
  'package.json': JSON.stringify({ name: 'app', type: 'module' }),
  'shared/route-53.js': CLIENT('shared'),
  'shared/retired-route-53.js': CLIENT('retired'),
  'shared/log.js': 'export const log = (m) => console.log(JSON.stringify(m));\n',
  'functions/verify/index.js': `import { ChangeResourceRecordSetsCommand } from '@aws-sdk/client-route-53';
import route53 from './route-53.js';
import { log } from './log.js';
export const handler = async (event) => {
  log(event);
  await route53.send(new ChangeResourceRecordSetsCommand({ HostedZoneId: event.zone, ChangeBatch: event.batch }));
};
`,
};

describe('an import of a file linked to a shared module', () => {
  it('is an import of the shared module: its client is judged, a module nothing links stays dead', async () => {
    // Prepare
    const root = tree(FILES);
    symlinkSync('../../shared/route-53.js', join(root, 'functions/verify/route-53.js'));
    symlinkSync('../../shared/log.js', join(root, 'functions/verify/log.js'));

    // Act
    const result = await scan({ root, workers: 0 });

    // Assess
    const found = result.findings
      .filter((f) => f.rule === 'sdk-client-no-timeout')
      .map((f) => `${f.file}:${f.line}`);
    expect(found).toEqual(['shared/route-53.js:3']);
  });
});
