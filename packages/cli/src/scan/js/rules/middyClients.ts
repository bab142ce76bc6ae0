// Middy middlewares that build an AWS SDK v3 client themselves (`ssm({ fetchData, awsClientOptions })`):
// the client is constructed inside the middleware from `awsClientOptions`, so its timeout is read there.
// They fetch at cold start (and on cache expiry) on every middified handler's path.
import { type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Extra, Report } from './Report.js';

/** Middy packages whose default export builds an SDK client from `awsClientOptions` (middy.js.org docs). */
const MIDDY_CLIENTS: Readonly<Record<string, string>> = {
  '@middy/ssm': 'SSMClient',
  '@middy/secrets-manager': 'SecretsManagerClient',
  '@middy/appconfig': 'AppConfigDataClient',
  '@middy/dynamodb': 'DynamoDBClient',
  '@middy/s3': 'S3Client',
  '@middy/sts': 'STSClient',
  '@middy/service-discovery': 'ServiceDiscoveryClient',
  '@middy/s3-object-response': 'S3Client',
  '@middy/ws-response': 'ApiGatewayManagementApiClient',
};

/** Text check before any walk: the module imports one of the packages above. */
export const MIDDY_CLIENT_IMPORT =
  /@middy\/(ssm|secrets-manager|appconfig|dynamodb|s3|sts|service-discovery|s3-object-response|ws-response)['"`]/;

/**
 * `ssm({ ... })` of a catalogued middleware whose options leave the client without a request handler.
 * `problem` is the SDK rule's own judgement of a `requestHandler` value (undefined: bounded or not seen).
 */
export function middyClient(
  ctx: ModuleContext,
  report: Report,
  call: Node,
  problem: (handler: Node | undefined) => string | undefined,
  /** Conditions the SDK rule puts on a finding for this judgement (a version-dependent one). */
  conditions: (why: string) => Extra | undefined = () => undefined,
): void {
  const callee = unwrap(call.callee);
  if (callee?.type !== 'Identifier') return;
  const imp = ctx.importOf(callee.name as string, callee);
  const client =
    imp !== undefined && (imp.imported === 'default' || imp.imported === '*')
      ? MIDDY_CLIENTS[imp.source]
      : undefined;
  if (client === undefined) return;
  const options = objectProps(ctx.valueOf((call.arguments as Node[])[0]));
  if (options === undefined || options.spread) return;
  // A client class of the project's choosing (`AwsClient`, `awsClientConstructor` before middy 2) is
  // judged where that class is defined.
  if (options.props.has('AwsClient') || options.props.has('awsClientConstructor')) return;
  const clientOptions = options.props.get('awsClientOptions');
  let handler: Node | undefined;
  if (clientOptions !== undefined) {
    const given = objectProps(ctx.valueOf(clientOptions));
    if (given === undefined || given.spread) return;
    handler = given.props.get('requestHandler');
  }
  const why = problem(handler);
  if (why === undefined) return;
  report(
    'sdk-client-no-timeout',
    call,
    `${imp?.source} builds its ${client} from awsClientOptions, which ${why.replace(/^has /, 'have ')}: the parameter fetch on every cold start can hang`,
    conditions(why),
  );
}
