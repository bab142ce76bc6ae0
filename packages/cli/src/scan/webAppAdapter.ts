// A web application wrapped whole as a Lambda handler by an adapter package: every route of the app is a
// handler given an event (an API Gateway or function-URL request a user waits on), although no function in
// the module has a handler's shape (`export const main = serverlessExpress({ app })`, `serverless(app)`).
import type { ModuleFacts } from './js/Candidate.js';
import { emptyFacts } from './js/ModuleFacts.js';

/**
 * The documented adapters: @vendia/@codegenie serverless-express (`serverlessExpress({ app })`, `configure`),
 * aws-serverless-express (`proxy(server, event, context)`), serverless-http (`serverless(app)`),
 * @fastify/aws-lambda (formerly aws-lambda-fastify), Hono's `hono/aws-lambda` `handle(app)`,
 * @h4ad/serverless-adapter and Apollo's @as-integrations/aws-lambda.
 */
const ADAPTER =
  /(?:from\s*|require\(\s*)['"](?:@vendia\/serverless-express|@codegenie\/serverless-express|aws-serverless-express|serverless-http|@fastify\/aws-lambda|aws-lambda-fastify|hono\/aws-lambda|@h4ad\/serverless-adapter|@as-integrations\/aws-lambda)['"]/;

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
  if (text === undefined || !ADAPTER.test(text)) return undefined;
  const base: ModuleFacts = facts ?? emptyFacts(file, undefined);
  return { ...base, handlers: { adapter: { work: true, recordWork: false } } };
}
