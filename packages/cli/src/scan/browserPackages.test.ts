// Which package folders the walk skips as browser code: a front end, never a Lambda workspace that
// brings Vite in as its test runner or bundler (terraform-aws-github-runner's `lambdas/`: Nx + vitest),
// nor a Lambda package kept inside a front end's folder (a React app with its SAM backend in `aws-lambda/`).
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserFramework, nestedLambdaPackage } from './browserPackages.js';
import { normalizeScanConfig } from './config.js';
import { discover } from './discover.js';

/** Writes `files` (path -> text) under a new temporary folder and returns the folder. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-browser-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, '..'), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

describe('browserFramework', () => {
  it.each([
    [{ dependencies: { react: '19', 'react-dom': '19' } }, 'react-dom'],
    [{ devDependencies: { vite: '6', '@vitejs/plugin-vue': '5', vue: '3' } }, '@vitejs/plugin-vue'],
    [{ devDependencies: { vite: '6', vitest: '3', '@nx/vite': '22' } }, undefined],
    [{ workspaces: ['functions/*'], devDependencies: { vite: '6', 'react-dom': '19' } }, undefined],
    [{ dependencies: { 'react-dom': '19', express: '5' } }, undefined],
    [{ dependencies: { 'solid-js': '1' }, devDependencies: { vite: '6', sst: '3' } }, 'solid-js'],
  ])('%j -> %s', (content, expected) => {
    const dir = tree({ 'package.json': JSON.stringify(content) });
    expect(browserFramework(join(dir, 'package.json'))).toBe(expected);
  });
});

describe('the walk', () => {
  it('scans a vite-tested Lambda workspace and its members, and skips a React member', () => {
    const root = mkdtempSync(join(tmpdir(), 'bulwark-browser-'));
    const files: Record<string, string> = {
      'lambdas/package.json': JSON.stringify({ workspaces: ['functions/*'], devDependencies: { vite: '6' } }),
      'lambdas/functions/scale-up/package.json': JSON.stringify({ devDependencies: { vitest: '3' } }),
      'lambdas/functions/scale-up/src/lambda.ts': 'export const handler = async () => {};\n',
      'lambdas/functions/ui/package.json': JSON.stringify({ dependencies: { 'react-dom': '19' } }),
      'lambdas/functions/ui/src/app.tsx': 'export const App = () => null;\n',
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(root, name, '..'), { recursive: true });
      writeFileSync(join(root, name), text);
    }
    const found = discover(root, [root], normalizeScanConfig({}));
    expect(found.files.map((f) => f.rel)).toContain('lambdas/functions/scale-up/src/lambda.ts');
    expect(found.files.map((f) => f.rel)).not.toContain('lambdas/functions/ui/src/app.tsx');
    expect(found.problems.map((p) => `${p.file} ${p.kind}`)).toEqual(['lambdas/functions/ui browser-code']);
  });
});

describe('nestedLambdaPackage', () => {
  it.each([
    [{ 'package.json': JSON.stringify({ dependencies: { '@aws-sdk/client-dynamodb': '3' } }) }, false],
    [
      {
        'package.json': JSON.stringify({
          peerDependencies: { react: '19' },
          dependencies: { '@aws-sdk/client-s3': '3', '@aws-sdk/s3-request-presigner': '3' },
        }),
      },
      false,
    ],
    [
      {
        'package.json': JSON.stringify({ dependencies: { '@aws-sdk/client-dynamodb': '3' } }),
        'template.yaml': 'Resources: {}\n',
      },
      true,
    ],
    [{ 'package.json': JSON.stringify({ dependencies: { express: '4', 'serverless-http': '3' } }) }, true],
    [{ 'package.json': JSON.stringify({ dependencies: { '@aws-lambda-powertools/logger': '2' } }) }, true],
    [{ 'package.json': JSON.stringify({ devDependencies: { '@types/aws-lambda': '8' } }) }, true],
    [
      {
        'package.json': JSON.stringify({ dependencies: { stripe: '20' } }),
        'template.yaml': 'Resources: {}\n',
      },
      true,
    ],
    [{ 'package.json': JSON.stringify({ name: 'src' }) }, false],
    [{ 'package.json': JSON.stringify({ dependencies: { express: '4' } }) }, false],
    [
      { 'package.json': JSON.stringify({ dependencies: { 'react-dom': '19', '@aws-sdk/client-s3': '3' } }) },
      false,
    ],
    [{ 'template.yaml': 'Resources: {}\n' }, false],
    [{ 'template.yaml': 'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n' }, false],
    [{ 'template.yaml': 'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n' }, true],
    [{ 'serverless.yml': 'service: api\nfunctions:\n  hello:\n    handler: handler.hello\n' }, true],
    [{ 'main.tf': 'resource "aws_lambda_function" "f" {}\n' }, false],
  ])('%j -> %s', (files, expected) => {
    const dir = tree(files);
    expect(nestedLambdaPackage(dir, readdirSync(dir, { withFileTypes: true }))).toBe(expected);
  });
});

describe('a browser package with packages inside', () => {
  it('scans its Lambda packages and skips its own files, its other packages, node_modules and cloud assemblies', () => {
    const root = tree({
      'web/package.json': JSON.stringify({ dependencies: { 'react-dom': '18' } }),
      'web/src/api.js': 'export const quote = () => fetch("/quote");\n',
      'web/aws-lambda/package.json': JSON.stringify({ dependencies: { '@aws-sdk/client-dynamodb': '3' } }),
      'web/aws-lambda/functions/quote.js': 'exports.handler = async () => ({});\n',
      'web/aws-lambda/template.yaml': 'Resources: {}\n',
      'web/charts/package.json': JSON.stringify({ name: 'src' }),
      'web/charts/line.js': 'export const line = () => null;\n',
      'web/site/package.json': JSON.stringify({ dependencies: { 'react-dom': '19' } }),
      'web/site/api/package.json': JSON.stringify({ devDependencies: { '@types/aws-lambda': '8' } }),
      'web/site/api/src/read.ts': 'export const handler = async () => ({});\n',
      'web/site/src/page.tsx': 'export const Page = () => null;\n',
      // `sam init`'s layout: the template at the service root, a package.json per function naming no AWS package.
      'web/backend/template.yaml': 'Resources:\n  Hello:\n    Type: AWS::Serverless::Function\n',
      'web/backend/hello-world/package.json': JSON.stringify({ devDependencies: { chai: '4', mocha: '10' } }),
      'web/backend/hello-world/app.mjs': 'export const lambdaHandler = async () => fetch("https://x");\n',
      'web/hosting/template.yaml': 'Resources:\n  Site:\n    Type: AWS::S3::Bucket\n',
      'web/node_modules/sdk/package.json': JSON.stringify({ dependencies: { '@aws-sdk/client-s3': '3' } }),
      'web/node_modules/sdk/index.js': 'module.exports = {};\n',
      // A cloud assembly's bundled asset is generated from web/aws-lambda: read there, not twice.
      'web/cdk.out.prod/cdk.out': '{"version":"36.0.0"}\n',
      'web/cdk.out.prod/manifest.json': '{}\n',
      'web/cdk.out.prod/asset.abc/package.json': JSON.stringify({ dependencies: { '@middy/core': '5' } }),
      'web/cdk.out.prod/asset.abc/index.js': 'exports.handler = async () => ({});\n',
    });
    const found = discover(root, [root], normalizeScanConfig({}));
    expect(found.files.map((f) => f.rel).sort()).toEqual([
      'web/aws-lambda/functions/quote.js',
      'web/aws-lambda/template.yaml',
      'web/backend/hello-world/app.mjs',
      'web/backend/template.yaml',
      'web/site/api/src/read.ts',
    ]);
    expect(found.problems.map((p) => `${p.file} ${p.kind}`)).toEqual(['web browser-code']);
    expect(found.problems[0]?.message).toMatch(
      /; its Lambda packages aws-lambda\/, backend\/, site\/api\/ are scanned$/,
    );
  });
});
