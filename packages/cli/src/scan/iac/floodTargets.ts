// iac-no-reserved-concurrency is about what a backlog floods: a queue consumer that scales out without a
// limit hurts the database or API behind it. A SAM/CloudFormation function whose permissions reach only
// AWS services that absorb any request rate (an on-demand DynamoDB table, a queue, a topic, a bus, S3
// objects, a secret or parameter read, a Step Functions or durable-execution callback) has nothing behind it to
// flood; anything else, or permissions we cannot see (a separate Role), keeps the finding.
import { type Json, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

interface Resource {
  readonly id: string;
  readonly type: string;
  readonly props: Record<string, Json>;
}

/** SAM policy templates that reach only request-scaled services (DynamoDB ones are checked per table). */
const ABSORBING_TEMPLATES =
  /^(DynamoDB(Crud|Write|Read|Reconfigure)Policy|EventBridgePutEventsPolicy|SQSSendMessagePolicy|SNSPublishMessagePolicy|S3ReadPolicy|S3WritePolicy|S3CrudPolicy|SSMParameterReadPolicy|SSMParameterWithSlashPrefixReadPolicy|AWSSecretsManagerGetSecretValuePolicy|KMSDecryptPolicy|StepFunctionsCallbackPolicy)$/;
export const ABSORBING_ACTION =
  /^(dynamodb:[A-Za-z*]+|events:PutEvents|sqs:SendMessage(Batch)?|sns:Publish(Batch)?|s3:(Get|Put|Delete)Object\w*|s3:ListBucket|s3:AbortMultipartUpload|secretsmanager:GetSecretValue|ssm:GetParameters?|kms:(Decrypt|GenerateDataKey)|states:SendTask\w+|lambda:SendDurableExecutionCallback\w+|xray:[A-Za-z*]+|logs:[A-Za-z*]+|cloudwatch:PutMetricData)$/;
export const BASIC_MANAGED =
  /^(AWSLambdaBasicExecutionRole|AWSXRayDaemonWriteAccess|AWSXrayWriteOnlyAccess|CloudWatchLambdaInsightsExecutionRolePolicy)$/;
/** An environment variable that points at something outside AWS's request-scaled services. */
export const ENDPOINT_WORD = /^(URL|URI|ENDPOINT|HOST|HOSTNAME|API|DATABASE|DB|REDIS|CLUSTER|FUNCTION)$/i;

/**
 * Whether an environment variable's name points at an endpoint: one of its `_`/`-` parts is an endpoint
 * word, except the URL of a queue (`ORDERS_QUEUE_URL`), which is how SQS names a queue.
 * @example
 * namesEndpoint('NEXT_QUEUE_URL') // false; namesEndpoint('PARTNER_API_URL') // true
 */
export function namesEndpoint(name: string): boolean {
  return name
    .replace(/QUEUE[_-]?URL/gi, 'QUEUE')
    .split(/[_-]/)
    .some((w) => ENDPOINT_WORD.test(w));
}

function onDemandTables(value: unknown, byId: ReadonlyMap<string, Resource>): boolean {
  const ids = [...refsIn(value)];
  return (
    ids.length > 0 &&
    ids.every((id) => {
      const t = byId.get(id);
      if (t?.type === 'AWS::Serverless::SimpleTable') return t.props.ProvisionedThroughput === undefined;
      return t?.type === 'AWS::DynamoDB::Table' && t.props.BillingMode === 'PAY_PER_REQUEST';
    })
  );
}

function absorbingStatement(s: unknown, byId: ReadonlyMap<string, Resource>): boolean {
  const statement = obj(s);
  if (statement === undefined) return false;
  if (statement.Effect === 'Deny') return true;
  const actions = ([] as unknown[]).concat(statement.Action ?? []);
  if (actions.length === 0 || !actions.every((a) => typeof a === 'string' && ABSORBING_ACTION.test(a)))
    return false;
  const dynamo = actions.some((a) => (a as string).startsWith('dynamodb:'));
  return !dynamo || onDemandTables(statement.Resource, byId);
}

function absorbingPolicy(p: unknown, byId: ReadonlyMap<string, Resource>): boolean {
  if (typeof p === 'string') return BASIC_MANAGED.test(p);
  const policy = obj(p);
  if (policy === undefined) return false;
  if (policy.Statement !== undefined)
    return ([] as unknown[]).concat(policy.Statement).every((s) => absorbingStatement(s, byId));
  const keys = Object.keys(policy);
  if (keys.length !== 1 || !ABSORBING_TEMPLATES.test(keys[0] as string)) return false;
  return !(keys[0] as string).startsWith('DynamoDB') || onDemandTables(policy[keys[0] as string], byId);
}

/**
 * True when everything the function is allowed to reach absorbs a backlog's request rate.
 *
 * @example
 * nothingToFlood(fn, byId, globals) // Policies: [DynamoDBCrudPolicy: { TableName: !Ref OnDemandTable }] -> true
 */
export function nothingToFlood(
  fn: Resource | undefined,
  byId: ReadonlyMap<string, Resource>,
  globals: Record<string, Json>,
): boolean {
  if (fn?.type !== 'AWS::Serverless::Function' || fn.props.Role !== undefined) return false;
  const policies = ([] as unknown[]).concat(fn.props.Policies ?? []);
  if (policies.length === 0 || !policies.every((p) => absorbingPolicy(p, byId))) return false;
  const variables = {
    ...(obj(obj(globals.Environment)?.Variables) ?? {}),
    ...(obj(obj(fn.props.Environment)?.Variables) ?? {}),
  };
  return !Object.keys(variables).some(namesEndpoint);
}
