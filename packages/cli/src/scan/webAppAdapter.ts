// A web application wrapped whole as a Lambda handler by an adapter package: every route of the app is a
// handler given an event (an API Gateway or function-URL request a user waits on), although no function in
// the module has a handler's shape (`export const main = serverlessExpress({ app })`, `serverless(app)`).
import type { ModuleFacts } from './js/Candidate.js';
import { emptyFacts } from './js/ModuleFacts.js';

/**
 * The documented adapters' packages: @vendia/@codegenie serverless-express (`serverlessExpress({ app })`,
 * `configure`), aws-serverless-express (`proxy(server, event, context)`), serverless-http (`serverless(app)`),
 * @fastify/aws-lambda (formerly aws-lambda-fastify), @h4ad/serverless-adapter and Apollo's
 * @as-integrations/aws-lambda, and Apollo Server 2/3's apollo-server-lambda (`export const handler =
 * server.createHandler()`: every resolver, and each helper it calls, answers a GraphQL request). Exported
 * as names because a dependency on one is also what makes a package a Lambda (browserPackages.ts); Hono's
 * adapter is a subpath of `hono`, which alone is no such evidence.
 */
export const LAMBDA_ADAPTER_PACKAGES: readonly string[] = [
  '@vendia/serverless-express',
  '@codegenie/serverless-express',
  'aws-serverless-express',
  'serverless-http',
  '@fastify/aws-lambda',
  'aws-lambda-fastify',
  '@h4ad/serverless-adapter',
  '@as-integrations/aws-lambda',
  'apollo-server-lambda',
];
// apollo-server-lambda also exports gql, ApolloError and the like, imported by many modules that make no
// handler: only a module that calls `server.createHandler()` is the adapter.
const APOLLO_LAMBDA = 'apollo-server-lambda';
const ADAPTER_IMPORTS = [...LAMBDA_ADAPTER_PACKAGES, 'hono/aws-lambda']
  .filter((n) => n !== APOLLO_LAMBDA)
  .map((n) => n.replace(/[/.]/g, '\\$&'));
const importOf = (names: readonly string[]) =>
  new RegExp(`(?:from\\s*|require\\(\\s*)['"\`](?:${names.join('|')})['"\`]`);
const ADAPTER = importOf(ADAPTER_IMPORTS);
const APOLLO_ADAPTER = importOf([APOLLO_LAMBDA]);

/**
 * The module's facts with one handler given an event when its text imports a web-app Lambda adapter and
 * its own analysis found none; otherwise undefined.
 *
 * @example
 * adapterHandler('/app/api/handler.ts', "import serverlessExpress from '@vendia/serverless-express'", undefined) // { handlers: { adapter: ... } }
 */
export function adapterHandler(
  file: string,
  text: string | undefined,
  facts: ModuleFacts | undefined,
): ModuleFacts | undefined {
  if (text === undefined) return undefined;
  if (!ADAPTER.test(text) && !(APOLLO_ADAPTER.test(text) && /\.createHandler\s*\(/.test(text)))
    return undefined;
  const base: ModuleFacts = facts ?? emptyFacts(file, undefined);
  return { ...base, handlers: { adapter: { work: true, recordWork: false } } };
}
