// The rest of the root guard (insideRoot.ts): files read beside a scanned file (Terraform's .tfvars and the
// other .tf of a module folder, rush.json/lerna.json, a package's package.json, cdk.json) are absent when
// they are symlinks pointing out of the scan root, and read as before when they sit in the tree; the
// searches for a CDK or SST app's folder (cdk.json, sst.config.ts upward) stop at the root.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localOnlyEntries } from './iac/cdkCommands.js';
import { offByDefault } from './iac/terraformSwitches.js';
import { folderVarFiles } from './iac/terraformVarValues.js';
import { appRoot } from './js/rules/cdkHandlers.js';
import { sstAppRoot } from './js/rules/sstAppRoot.js';
import { monorepoManifests } from './monorepoManifests.js';
import { scan } from './scan.js';

const tops: string[] = [];

afterEach(() => {
  for (const top of tops.splice(0)) rmSync(top, { recursive: true, force: true });
});

/**
 * A repository at `<top>/repo` and a folder `<top>/out` beside it, with `files` written under `<top>`; each
 * of `links` (a path in the repository) becomes a symlink to the same name in `out`.
 */
function tree(files: Record<string, string>, links: string[] = []): { top: string; root: string } {
  const top = mkdtempSync(join(tmpdir(), 'bulwark-root-rest-'));
  tops.push(top);
  const root = join(top, 'repo');
  mkdirSync(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(top, path)), { recursive: true });
    writeFileSync(join(top, path), text);
  }
  for (const link of links) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(join(top, 'out', link.split('/').at(-1) ?? ''), join(root, link));
  }
  return { top, root };
}

const QUEUE_VAR = 'variable "redrive" {\n  default = false\n}\n';
const POLICY = 'var.redrive ? jsonencode({ maxReceiveCount = 3 }) : null';

describe('Terraform reads beside a .tf file', () => {
  it('does not read a .tfvars that is a symlink pointing out', () => {
    // Prepare
    const { root } = tree({ 'repo/main.tf': '', 'out/prod.tfvars': 'memory = 4096\n' }, ['prod.tfvars']);

    // Act
    const set = folderVarFiles(join(root, 'main.tf'), root);

    // Assess
    expect(set.has('memory')).toBe(false);
  });

  it('reads a .tfvars in the tree', () => {
    // Prepare
    const { root } = tree({ 'repo/main.tf': '', 'repo/prod.tfvars': 'memory = 4096\n' });

    // Act
    const set = folderVarFiles(join(root, 'main.tf'), root);

    // Assess
    expect(set.get('memory')?.values).toEqual([4096]);
  });

  it('does not read another .tf of the folder that is a symlink pointing out', () => {
    // Prepare
    const { root } = tree({ 'repo/main.tf': '', 'out/variables.tf': QUEUE_VAR }, ['variables.tf']);

    // Act
    const off = offByDefault([], join(root, 'main.tf'), POLICY, root);

    // Assess
    expect(off).toBeUndefined();
  });

  it('reads another .tf of the folder in the tree', () => {
    // Prepare
    const { root } = tree({ 'repo/main.tf': '', 'repo/variables.tf': QUEUE_VAR });

    // Act
    const off = offByDefault([], join(root, 'main.tf'), POLICY, root);

    // Assess
    expect(off).toBe('var.redrive');
  });
});

describe('monorepoManifests inside the scan root', () => {
  it('does not read a lerna.json that is a symlink pointing out', () => {
    // Prepare
    const { root } = tree({ 'out/lerna.json': '{ "packages": ["libs/*"] }' }, ['lerna.json']);

    // Act
    const found = monorepoManifests(root, root);

    // Assess
    expect(found.patterns).toEqual([]);
  });

  it('reads a lerna.json in the tree', () => {
    // Prepare
    const { root } = tree({ 'repo/lerna.json': '{ "packages": ["libs/*"] }' });

    // Act
    const found = monorepoManifests(root, root);

    // Assess
    expect(found.patterns).toEqual(['libs/*']);
  });
});

describe('cdkCommands inside the scan root', () => {
  const PKG = { path: '', text: '"local": "cdklocal deploy --all"' };
  const APP = '{ "app": "npx ts-node bin/app.ts" }';

  it('does not read a cdk.json that is a symlink pointing out', () => {
    // Prepare
    const { root } = tree({ 'out/cdk.json': APP, 'repo/bin/app.ts': '' }, ['cdk.json']);

    // Act
    const entries = localOnlyEntries(root, [{ ...PKG, path: join(root, 'package.json') }], [root]);

    // Assess
    expect(entries).toEqual([]);
  });

  it('reads a cdk.json in the tree', () => {
    // Prepare
    const { root } = tree({ 'repo/cdk.json': APP, 'repo/bin/app.ts': '' });

    // Act
    const entries = localOnlyEntries(root, [{ ...PKG, path: join(root, 'package.json') }], [root]);

    // Assess
    expect(entries.map((e) => e.entry)).toEqual([join(root, 'bin/app.ts')]);
  });
});

const SERVICE = `import axios from 'axios';
const API = process.env.API ?? '';
class BookingService {
  async create(slot: string) {
    return axios.post(\`\${API}/bookings\`, { slot });
  }
  async cancel(uid: string) {
    return axios.post(\`\${API}/bookings/\${uid}/void\`);
  }
}
export const bookings = new BookingService();
`;
const HANDLER = `import { bookings } from './bookings.js';
export const handler = async (event: { body: string }) => {
  await bookings.create(event.body);
  return { statusCode: 200, body: '' };
};
`;
// A published package keeps the findings of methods no module names: others may call them.
const PUBLISHED = '{ "name": "booking-api", "main": "src/bookings.js" }';

async function reportedLines(root: string): Promise<number[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/bookings.ts' && f.rule === 'http-no-timeout')
    .map((f) => f.line)
    .sort((a, b) => a - b);
}

describe('unnamedMethods inside the scan root', () => {
  const code = { 'repo/src/bookings.ts': SERVICE, 'repo/src/handler.ts': HANDLER };

  it('does not read a package.json that is a symlink pointing out', async () => {
    // Prepare
    const { root } = tree({ ...code, 'out/package.json': PUBLISHED }, ['package.json']);

    // Act
    const lines = await reportedLines(root);

    // Assess
    expect(lines).toEqual([5]);
  });

  it('reads a package.json in the tree', async () => {
    // Prepare
    const { root } = tree({ ...code, 'repo/package.json': PUBLISHED });

    // Act
    const lines = await reportedLines(root);

    // Assess
    expect(lines).toEqual([5, 8]);
  });
});

describe('app folder searches stop at the scan root', () => {
  it('does not take a cdk.json above the root for the CDK app folder', () => {
    // Prepare
    const { root } = tree({ 'cdk.json': '{}', 'repo/lib/stack.ts': '' });

    // Act
    const dir = appRoot(join(root, 'lib/stack.ts'), root);

    // Assess
    expect(dir).toBe(join(root, 'lib'));
  });

  it('takes a cdk.json at the root', () => {
    // Prepare
    const { root } = tree({ 'repo/cdk.json': '{}', 'repo/lib/stack.ts': '' });

    // Act
    const dir = appRoot(join(root, 'lib/stack.ts'), root);

    // Assess
    expect(dir).toBe(root);
  });

  it('does not take an sst.config.ts above the root for the SST app folder', () => {
    // Prepare
    const { root } = tree({ 'sst.config.ts': '', 'repo/infra/queues.ts': '' });

    // Act
    const dir = sstAppRoot(join(root, 'infra/queues.ts'), root);

    // Assess
    expect(dir).toBe(join(root, 'infra'));
  });

  it('takes an sst.config.ts at the root', () => {
    // Prepare
    const { root } = tree({ 'repo/sst.config.ts': '', 'repo/infra/queues.ts': '' });

    // Act
    const dir = sstAppRoot(join(root, 'infra/queues.ts'), root);

    // Assess
    expect(dir).toBe(root);
  });
});
