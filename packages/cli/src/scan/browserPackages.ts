// Which package folders are browser code the walk skips, and which folders inside such a package are
// server packages of their own (a React app that keeps its Lambda backend in `app/aws-lambda/`).
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isCloudAssembly } from './cloudAssembly.js';
import { LAMBDA_ADAPTER_PACKAGES } from './webAppAdapter.js';

/**
 * Dependencies that make a package front-end code, and ones that make it server code after all. `vite`
 * alone is not one: vitest and Nx's `@nx/vite` bring it into Lambda workspaces as a test runner and
 * bundler; a Vite front end also names its UI framework (`react-dom`, `vue`) or a `@vitejs/plugin-*`.
 */
const BROWSER_DEPS =
  /^(react-dom|react-scripts|react-native|@vitejs\/.*|@angular\/core|vue|svelte|preact|solid-js|lit|@sveltejs\/kit|nuxt|expo)$/;
const SERVER_DEPS =
  /^(@types\/aws-lambda|aws-lambda|@aws-lambda-powertools\/.*|@middy\/core|aws-cdk-lib|express|fastify|koa|@nestjs\/core|serverless|next)$/;
/**
 * What makes a package nested in a browser package a Lambda backend: a dependency only Lambda code has
 * (its types, Powertools, middy, a web-app adapter of webAppAdapter.ts). An AWS SDK client is not one
 * inside a front end: browser code calls S3 or Cognito with it too (an upload library that peers on
 * `react`); such a package counts only beside a deployment file. A web server framework alone is not
 * (`express` beside a front end serves its built bundle), nor is a bare `{ "name": ... }` package.json
 * (a vendored chart library of the app).
 */
const LAMBDA_DEPS = new Set([
  '@types/aws-lambda',
  'aws-lambda',
  '@middy/core',
  'aws-cdk-lib',
  'serverless',
  ...LAMBDA_ADAPTER_PACKAGES,
]);
const isLambdaDep = (d: string): boolean => LAMBDA_DEPS.has(d) || d.startsWith('@aws-lambda-powertools/');
/**
 * Deployment descriptors of a Lambda service: SAM/CloudFormation, Serverless Framework, CDK. Not `*.tf`,
 * which deadModules.ts counts as a project file: inside a front end Terraform mostly hosts the site.
 */
const DEPLOYMENT_FILE = /^(template\.(ya?ml|json)|serverless\.(ya?ml|json|ts|js)|cdk\.json)$/;
/** The templates that can root a service with no package.json of its own (`sam init`'s layout). */
const SERVICE_TEMPLATE = /^(template\.(ya?ml|json)|serverless\.(ya?ml|json))$/;
/** A Lambda function declared in a SAM/CloudFormation or Serverless Framework template. */
const DECLARES_FUNCTION = /AWS::(Serverless|Lambda)::Function|^functions\s*:|"functions"\s*:/m;

/** Does a template beside these entries declare a Lambda function (not a front end's hosting stack)? */
function declaresFunction(dir: string, entries: readonly Dirent[]): boolean {
  return entries.some((e) => {
    if (!e.isFile() || !SERVICE_TEMPLATE.test(e.name)) return false;
    try {
      return DECLARES_FUNCTION.test(readFileSync(join(dir, e.name), 'utf8'));
    } catch {
      return false;
    }
  });
}

/** The dependency names a package.json declares; undefined for an unreadable one or a workspace root. */
function dependencyNames(packageJson: string): string[] | undefined {
  try {
    const j = JSON.parse(readFileSync(packageJson, 'utf8')) as Record<string, unknown>;
    if (j.workspaces !== undefined) return undefined;
    return ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((k) =>
      typeof j[k] === 'object' && j[k] !== null ? Object.keys(j[k] as object) : [],
    );
  } catch {
    return undefined;
  }
}

/**
 * The browser framework a package.json depends on, when it declares no server framework: its code runs
 * in a browser, where none of the rules apply (a React app's fetch is not a Lambda's dependency call).
 * A workspace root (`workspaces`) is never one: its dependencies are tooling shared by its members, each
 * of which is judged by its own package.json as the walk goes down.
 * @example
 * browserFramework('/repo/web/package.json') // 'react-dom'
 */
export function browserFramework(packageJson: string): string | undefined {
  const deps = dependencyNames(packageJson);
  if (deps === undefined || deps.some((d) => SERVER_DEPS.test(d))) return undefined;
  return deps.find((d) => BROWSER_DEPS.test(d));
}

/**
 * A folder inside a browser package that is a Lambda package of its own: its own package.json, not a
 * browser one, naming a Lambda-only dependency (not the AWS SDK alone) or standing beside a deployment
 * template; or a folder with no package.json whose SAM or Serverless template declares a function. The
 * browser package's dependencies say nothing about it: it is bundled and deployed on its own.
 * @example
 * nestedLambdaPackage('/repo/web/aws-lambda', entries) // true with @types/aws-lambda or a template.yaml there
 */
export function nestedLambdaPackage(dir: string, entries: readonly Dirent[]): boolean {
  // `sam init`'s layout: the template at the service root, a package.json (if any) per CodeUri folder.
  if (!entries.some((e) => e.name === 'package.json' && e.isFile())) return declaresFunction(dir, entries);
  const packageJson = join(dir, 'package.json');
  if (browserFramework(packageJson) !== undefined) return false;
  if (entries.some((e) => e.isFile() && DEPLOYMENT_FILE.test(e.name))) return true;
  return (dependencyNames(packageJson) ?? []).some(isLambdaDep);
}

/**
 * The Lambda packages below a browser package (`nestedLambdaPackage`), outermost first. The search does
 * not enter one it found (the walk judges its insides), a symbolic link, a CDK cloud assembly, or a
 * folder `skip` names (node_modules, build output, the config's excludes); it does enter a nested
 * browser package, whose own files stay skipped as well (an event site's React app with its `api/`
 * Lambda package inside).
 * @example
 * lambdaPackagesBelow('/repo/web', () => false) // ['/repo/web/aws-lambda']
 */
export function lambdaPackagesBelow(dir: string, skip: (path: string) => boolean): string[] {
  const found: string[] = [];
  // Each folder is listed once: the listing that judged it not a package is the one searched below it.
  const visit = (folder: string, listed?: Dirent[]): void => {
    let entries: Dirent[];
    try {
      entries = listed ?? readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const path = join(folder, entry.name);
      if (skip(path)) continue;
      let inner: Dirent[];
      try {
        inner = readdirSync(path, { withFileTypes: true });
      } catch {
        continue;
      }
      // Generated from the app's source (bundled assets), which the walk reads: discover.ts drops it too.
      if (isCloudAssembly(inner)) continue;
      if (nestedLambdaPackage(path, inner)) found.push(path);
      else visit(path, inner);
    }
  };
  visit(dir);
  return found;
}
