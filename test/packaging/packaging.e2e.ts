// The packed packages installed as a new user would: into a fresh project beside the latest Powertools 2.x,
// AWS SDK v3, middy and msw from the registry, then beside the lowest versions the manifests accept. A consumer
// file that uses every package's main entry points with the user's own Powertools and SDK objects must
// type-check with skipLibCheck: false (nodenext and bundler resolution) and run.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createConsumer,
  installConsumer,
  installNode,
  npmLs,
  runConsumer,
  TSCONFIGS,
  typeCheck,
} from './consumerProject.js';
import { packTarballs, publishedPackages, type Tarball } from './packTarballs.js';
import { LATEST, LOWEST, type VersionSet } from './versionSets.js';

/** The oldest Node line the packages declare (`engines`), run beside the repository's own Node 24. */
const OLDEST_NODE = '22';

let work: string;
let tarballs: Tarball[];
const nodes: Record<string, string> = { [process.versions.node]: process.execPath };

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'bulwark-packaging-'));
  const [packed, oldest] = await Promise.all([
    packTarballs(work),
    installNode(join(work, 'node'), OLDEST_NODE),
  ]);
  tarballs = packed;
  const { stdout } = await promisify(execFile)(oldest, ['--version']);
  nodes[stdout.trim().replace(/^v/, '')] = oldest;
});
afterAll(async () => {
  if (process.env.BULWARK_KEEP_PACKAGING === undefined) await rm(work, { recursive: true, force: true });
});

it('packs every published package', () => {
  expect(tarballs.map((t) => t.name).sort()).toEqual(
    publishedPackages()
      .map((p) => p.name)
      .sort(),
  );
});

describe.each([LATEST, LOWEST])('beside the $name versions', (set: VersionSet) => {
  let dir: string;

  it('installs with every peer range met', async () => {
    // Prepare
    dir = join(work, set.name);
    await createConsumer(dir, set, tarballs);

    // Act
    const started = performance.now();
    const project = await installConsumer(dir, set);
    const ls = await npmLs(dir);

    // Assess
    console.info(
      `packaging (${set.name}): installed in ${Math.round(performance.now() - started)} ms: ${JSON.stringify(project.installed)}`,
    );
    // The other copy must really be another copy, or the other-copy checks below prove nothing.
    for (const name of ['logger', 'parameters']) {
      expect(project.installed[`other copy of @aws-lambda-powertools/${name}`]).not.toBe(
        project.installed[`@aws-lambda-powertools/${name}`],
      );
    }
    if (set === LOWEST) {
      for (const [name, version] of Object.entries(project.installed)) {
        if (name.startsWith('@aws-lambda-powertools/')) expect(version, name).toBe(LOWEST.powertools);
        if (name.startsWith('@aws-sdk/')) expect(version, name).toBe(LOWEST.sdk);
      }
    }
    expect(ls.problems).toBe('');
    expect(ls.ok).toBe(true);
  });

  it.each(Object.keys(TSCONFIGS) as (keyof typeof TSCONFIGS)[])(
    'type-checks the consumer with skipLibCheck: false, %s resolution',
    async (config) => {
      expect(await typeCheck(dir, config)).toBe('');
    },
  );

  it('@bulwark/policies takes a Logger and an SSMProvider from another copy of Powertools', async () => {
    expect(await typeCheck(dir, 'otherCopyPolicies')).toBe('');
  });

  // Every `logger` option is typed structurally (LoggerLike, issue 11 item 6): with Powertools' Logger class
  // there, another copy fails with TS2322 ('#private' refers to a different member).
  it('@bulwark/lambda takes a Logger from another copy of Powertools logger in every logger option', async () => {
    expect(await typeCheck(dir, 'otherCopyLambda')).toBe('');
  });

  it('runs the consumer on each Node: a wrapDependency call, a protected SDK client, an SQS batch, an HTTP answer, the probe, the CLI', async () => {
    for (const [version, node] of Object.entries(nodes)) {
      const { code, output } = await runConsumer(dir, node);

      expect(output, `Node ${version}`).toContain('consumer: ok');
      expect(code, `Node ${version}`).toBe(0);
    }
    expect(Object.keys(nodes).map((v) => v.split('.')[0])).toEqual(
      expect.arrayContaining(['24', OLDEST_NODE]),
    );
  });
});
