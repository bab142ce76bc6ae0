// A lockfile decides how `requestTimeout` is judged, and the scan reads only lockfiles inside its root:
// one above the root, or a link inside it to one outside, must not be read (the scan never leaves its root).
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockedHandlers } from './handlerVersions.js';
import { scan } from './scan.js';

const OLD_LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: { 'node_modules/@smithy/node-http-handler': { version: '4.0.4' } },
});
const CLIENT = [
  "import { SQSClient } from '@aws-sdk/client-sqs';",
  "import { NodeHttpHandler } from '@smithy/node-http-handler';",
  '',
  'export const sqs = new SQSClient({',
  '  requestHandler: new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 }),',
  '});',
  '',
].join('\n');

function tree(): { outer: string; app: string } {
  const outer = mkdtempSync(join(tmpdir(), 'bulwark-locks-'));
  const app = join(outer, 'app');
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(outer, 'package-lock.json'), OLD_LOCK);
  writeFileSync(join(app, 'src', 'sqs.ts'), CLIENT);
  return { outer, app };
}

async function clientFindings(root: string): Promise<string[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings.filter((f) => f.rule === 'sdk-client-no-timeout').map((f) => `${f.file}:${f.line}`);
}

describe('LockedHandlers', () => {
  it('reads a lockfile inside the root: an old handler bounds requestTimeout', async () => {
    // Prepare
    const { outer } = tree();

    // Act
    const found = await clientFindings(outer);

    // Assess
    expect(found).toEqual([]);
  });

  it('does not read a lockfile above the root', async () => {
    // Prepare
    const { app } = tree();

    // Act
    const found = await clientFindings(app);

    // Assess
    expect(found).toEqual(['src/sqs.ts:4']);
  });

  it('does not follow a lockfile that links out of the root', async () => {
    // Prepare
    const { outer, app } = tree();
    symlinkSync(join(outer, 'package-lock.json'), join(app, 'package-lock.json'));

    // Act
    const found = await clientFindings(app);

    // Assess
    expect(found).toEqual(['src/sqs.ts:4']);
  });

  it('reads only the module folder when it has no root', () => {
    // Prepare
    const { app } = tree();
    const locks = new LockedHandlers(undefined);

    // Act
    const warns = locks.requestTimeoutWarns(join(app, 'src', 'sqs.ts'));

    // Assess
    expect(warns).toBe(true);
  });

  it('judges a handler the module builds by the copy its import installs, the object form by any copy', async () => {
    // Prepare: the project pins 4.0.4 (rejects); the clients nest 4.7.1 (warns), as npm installs them.
    const root = mkdtempSync(join(tmpdir(), 'bulwark-locks-nested-'));
    mkdirSync(join(root, 'src'));
    const lock = {
      lockfileVersion: 3,
      packages: {
        'node_modules/@smithy/node-http-handler': { version: '4.0.4' },
        'node_modules/@aws-sdk/client-sqs/node_modules/@smithy/node-http-handler': { version: '4.7.1' },
      },
    };
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify(lock));
    writeFileSync(join(root, 'src', 'sqs.ts'), CLIENT);
    const objectForm = CLIENT.replace(
      'new NodeHttpHandler({ connectionTimeout: 1_000, requestTimeout: 5_000 })',
      '{ connectionTimeout: 1_000, requestTimeout: 5_000 }',
    );
    writeFileSync(join(root, 'src', 'objectForm.ts'), objectForm);

    // Act
    const found = await clientFindings(root);

    // Assess
    expect(found).toEqual(['src/objectForm.ts:4']);
  });
});
