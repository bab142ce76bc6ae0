// One temporary consumer project per version set: the packed tarballs plus the Powertools, SDK v3, middy and msw
// versions of the set, installed from the registry the way a new user would (npm's cache keeps repeats quick).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT, type Tarball } from './packTarballs.js';
import { POWERTOOLS_PACKAGES, SDK_PACKAGES, type VersionSet } from './versionSets.js';

const run = promisify(execFile);
const ROOT_MANIFEST = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};

/**
 * A user's usual settings (`strict`), plus the one thing under test: no skipLibCheck, so every .d.ts we ship
 * and every one it pulls in is checked. Not `exactOptionalPropertyTypes`: our own build already checks our
 * types with it, and middy 7's optional peer (@aws/durable-execution-sdk-js 2.4) fails under it by itself.
 */
const STRICT = {
  target: 'es2023',
  // msw's types (which @bulwark/testing's handlers are) need the DOM lib, as msw's own docs say.
  lib: ['es2024', 'dom'],
  types: ['node'],
  strict: true,
  skipLibCheck: false,
};

export const TSCONFIGS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out' },
  bundler: { module: 'preserve', moduleResolution: 'bundler', noEmit: true },
} as const;

/** The consumer files: consumer.ts is checked under each TSCONFIGS entry and run; the others only checked. */
const FILES = {
  consumer: 'consumer.ts',
  otherCopyPolicies: 'otherCopyPolicies.ts',
  otherCopyLambda: 'otherCopyLambda.ts',
} as const;
type OtherCopyCheck = 'otherCopyPolicies' | 'otherCopyLambda';

export interface ConsumerProject {
  readonly dir: string;
  /** The version of each user-facing dependency npm installed at the top level. */
  readonly installed: Record<string, string>;
}

export function dependencySpecs(set: VersionSet): Record<string, string> {
  return {
    ...Object.fromEntries(POWERTOOLS_PACKAGES.map((p) => [`@aws-lambda-powertools/${p}`, set.powertools])),
    ...Object.fromEntries(SDK_PACKAGES.map((p) => [`@aws-sdk/${p}`, set.sdk])),
    '@middy/core': set.middy,
    msw: set.msw,
    ...set.extra,
  };
}

export async function createConsumer(dir: string, set: VersionSet, tarballs: readonly Tarball[]) {
  await mkdir(dir, { recursive: true });
  const ours = Object.fromEntries(tarballs.map(({ name, file }) => [name, `file:${file}`]));
  const manifest = {
    name: `bulwark-consumer-${set.name}`,
    private: true,
    type: 'module',
    dependencies: {
      ...ours,
      ...dependencySpecs(set),
      '@types/node': ROOT_MANIFEST.devDependencies['@types/node'],
      // A local package depending on another logger version: npm nests that copy under it. (An npm alias at the
      // top level would not do: logger's exact optional peer on jmespath makes npm refuse two at one level.)
      'powertools-logger-other-copy': 'file:./other-copy',
    },
    // Our packages depend on each other at 0.1.0: the tarballs, never whatever the registry has under that name.
    overrides: ours,
  };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const configs: Record<string, object> = {
    ...Object.fromEntries(
      Object.entries(TSCONFIGS).map(([name, options]) => [
        name,
        { compilerOptions: { ...STRICT, ...options }, files: [FILES.consumer] },
      ]),
    ),
    otherCopyPolicies: {
      compilerOptions: { ...STRICT, ...TSCONFIGS.bundler },
      files: [FILES.otherCopyPolicies],
    },
    otherCopyLambda: { compilerOptions: { ...STRICT, ...TSCONFIGS.bundler }, files: [FILES.otherCopyLambda] },
  };
  for (const [name, tsconfig] of Object.entries(configs)) {
    await writeFile(join(dir, `tsconfig.${name}.json`), `${JSON.stringify(tsconfig, null, 2)}\n`);
  }
  const other = join(dir, 'other-copy');
  await mkdir(other, { recursive: true });
  const otherManifest = {
    name: 'powertools-logger-other-copy',
    version: '1.0.0',
    type: 'module',
    exports: { '.': { types: './index.d.ts', default: './index.js' } },
    dependencies: { '@aws-lambda-powertools/logger': set.otherLogger },
  };
  await writeFile(join(other, 'package.json'), `${JSON.stringify(otherManifest, null, 2)}\n`);
  for (const file of ['index.js', 'index.d.ts']) {
    await writeFile(join(other, file), "export { Logger } from '@aws-lambda-powertools/logger';\n");
  }
  for (const file of Object.values(FILES)) {
    await copyFile(join(import.meta.dirname, 'consumer', file), join(dir, file));
  }
}

export async function installConsumer(dir: string, set: VersionSet): Promise<ConsumerProject> {
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'],
    { cwd: dir, maxBuffer: 1 << 26 },
  );
  const installed: Record<string, string> = {};
  const otherCopy = join(
    dir,
    'other-copy',
    'node_modules',
    '@aws-lambda-powertools',
    'logger',
    'package.json',
  );
  installed['other copy of @aws-lambda-powertools/logger'] = String(
    JSON.parse(await readFile(otherCopy, 'utf8')).version,
  );
  for (const name of [...Object.keys(dependencySpecs(set)), '@aws-lambda-powertools/commons']) {
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'));
    installed[name] = String(manifest.version);
  }
  return { dir, installed };
}

/** `npm ls --all`: non-zero when a peer range is not met, a dependency is missing or invalid. */
export async function npmLs(dir: string): Promise<{ ok: boolean; problems: string }> {
  try {
    await run('npm', ['ls', '--all', '--loglevel=error'], { cwd: dir, maxBuffer: 1 << 26 });
    return { ok: true, problems: '' };
  } catch (error: unknown) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const problems = `${stderr}\n${stdout}`
      .split('\n')
      .filter((line) => /invalid|missing|ERR!|UNMET (?!OPTIONAL)/i.test(line))
      .join('\n');
    return { ok: false, problems };
  }
}

export async function typeCheck(
  dir: string,
  config: keyof typeof TSCONFIGS | OtherCopyCheck,
): Promise<string> {
  try {
    await run(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${config}.json`], {
      cwd: dir,
      maxBuffer: 1 << 26,
    });
    return '';
  } catch (error: unknown) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    return `${stdout}${stderr}` || String(error);
  }
}

/**
 * Installs the `node` npm package at `major` (its install script fetches the binary) and returns the binary,
 * so the consumer also runs on the oldest Node line the packages declare.
 */
export async function installNode(dir: string, major: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'package.json'), '{ "name": "node-runtime", "private": true }\n');
  await run(
    'npm',
    ['install', `node@${major}`, '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
    {
      cwd: dir,
      maxBuffer: 1 << 26,
    },
  );
  return join(dir, 'node_modules', '.bin', 'node');
}

export async function runConsumer(dir: string, node: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(node, [join('out', 'consumer.js')], {
      cwd: dir,
      timeout: 120_000,
      maxBuffer: 1 << 26,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/nonexistent',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'AKIDLOCAL',
        AWS_SECRET_ACCESS_KEY: 'local-secret',
        AWS_EC2_METADATA_DISABLED: 'true',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
      },
    });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error: unknown) {
    const { code, stdout = '', stderr = '' } = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof code === 'number' ? code : -1, output: `${stdout}${stderr}` };
  }
}
