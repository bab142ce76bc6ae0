// iac-no-reserved-concurrency is about what a backlog floods: a queue consumer that scales out without a
// limit hurts the database or API behind it. A SAM/CloudFormation function whose permissions reach only
// AWS services that absorb any request rate (an on-demand DynamoDB table, a queue, a topic, a bus, S3
// objects, a secret or parameter read, a Step Functions or durable-execution callback) has nothing behind it to
// flood; anything else, or permissions we cannot see, keeps the finding. Its permissions are its SAM
// `Policies`, or those of the `AWS::IAM::Role` of the template it names as `Role` (the role's inline
// `Policies`, its `ManagedPolicyArns`, and every `AWS::IAM::Policy` / `ManagedPolicy` attached to it by
// `Roles`). A table imported from another stack (`Fn::ImportValue`) is judged by that stack's template,
// in the project pass (`onDemandImports`, matched against `onDemandTableExports`).
import { type Json, obj } from './IacResult.js';
import { exportsByResource, importsIn } from './stackExports.js';
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
  /^(sqs:(ReceiveMessage|DeleteMessage(Batch)?|GetQueueAttributes|GetQueueUrl|ChangeMessageVisibility(Batch)?)|dynamodb:[A-Za-z*]+|events:PutEvents|sqs:SendMessage(Batch)?|sns:Publish(Batch)?|s3:(Get|Put|Delete)Object\w*|s3:ListBucket|s3:AbortMultipartUpload|secretsmanager:GetSecretValue|ssm:GetParameters?|kms:(Decrypt|GenerateDataKey)|states:SendTask\w+|lambda:SendDurableExecutionCallback\w+|xray:[A-Za-z*]+|logs:[A-Za-z*]+|cloudwatch:PutMetricData)$/i;
/**
 * AWS managed policies that reach only a function's own execution needs or CloudWatch Logs (the Logs ones
 * grant `logs:*` or its reads plus CloudWatch's query generation: logs are in ABSORBING_ACTION already).
 */
export const BASIC_MANAGED =
  /^(AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole|AWSLambdaSQSQueueExecutionRole|AWSXRayDaemonWriteAccess|AWSXrayWriteOnlyAccess|CloudWatchLambdaInsightsExecutionRolePolicy|CloudWatchLogsFullAccess|CloudWatchLogsReadOnlyAccess)$/;
/** An environment variable that points at something outside AWS's request-scaled services. */
export const ENDPOINT_WORD = /^(URL|URI|ENDPOINT|HOST|HOSTNAME|API|DATABASE|DB|REDIS|CLUSTER|FUNCTION)$/i;

/**
 * Settings of an observability agent's layer (Dynatrace `DT_CONNECTION_BASE_URL`, Datadog `DD_SITE`, New
 * Relic, OpenTelemetry `OTEL_EXPORTER_OTLP_ENDPOINT`, Sentry `SENTRY_DSN`, Lumigo, Elastic APM): where its
 * telemetry goes, not a service the function's work floods.
 */
const OBSERVABILITY_AGENT = /^(DT|DD|NEW_RELIC|OTEL|SENTRY|LUMIGO|ELASTIC_APM)_/;

/**
 * A variable overriding a request-scaled AWS service's own endpoint (`DYNAMODB_ENDPOINT_URL`, set for a
 * local DynamoDB when offline; the SDK's `AWS_ENDPOINT_URL_SQS` style): the service word must qualify the
 * endpoint word itself, so `SNS_SLACK_WEBHOOK_URL` or `S3_SIGNER_API_URL`, which point elsewhere, stay
 * endpoints. What the service is reached for is judged by the policies.
 */
const SERVICE_ENDPOINT =
  /^(AWS_ENDPOINT_URL_(DYNAMODB|SQS|SNS|S3)|(DYNAMO(DB)?|SQS|SNS|S3)[_-](ENDPOINT([_-]URL)?|URL|HOST))$/i;
/** A literal such an override may hold: AWS's own endpoint, or a local stand-in (DynamoDB Local, LocalStack). */
const SERVICE_HOST = /amazonaws\.com|localhost|127\.0\.0\.1|localstack/i;

/**
 * Whether an environment variable's name points at an endpoint: one of its `_`/`-` parts is an endpoint
 * word, except the URL of a queue (`ORDERS_QUEUE_URL`, `ORDERS_SQS_URL`), which is how SQS names a queue, a request-scaled
 * AWS service's own endpoint (SERVICE_ENDPOINT, and when `value` is a literal, one of SERVICE_HOST), and
 * an observability agent's settings.
 * @example
 * namesEndpoint('NEXT_QUEUE_URL') // false; namesEndpoint('PARTNER_API_URL') // true; namesEndpoint('DYNAMODB_ENDPOINT_URL') // false
 */
export function namesEndpoint(name: string, value?: unknown): boolean {
  if (OBSERVABILITY_AGENT.test(name)) return false;
  if (SERVICE_ENDPOINT.test(name) && (typeof value !== 'string' || SERVICE_HOST.test(value))) return false;
  const words = name.replace(/(QUEUE|SQS)[_-]?URL/gi, 'QUEUE').split(/[_-]/);
  return words.some((w) => ENDPOINT_WORD.test(w));
}

/** `value` with every `Fn::ImportValue` left out. */
function withoutImports(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutImports);
  const v = obj(value);
  if (v === undefined) return value;
  return Object.fromEntries(
    Object.entries(v)
      .filter(([k]) => k !== 'Fn::ImportValue')
      .map(([k, inner]) => [k, withoutImports(inner)]),
  );
}

/**
 * The tables a statement's `Resource` names, if all are on demand: `[]` for tables of this template, plus
 * the export names of tables it imports (their billing is the exporting template's); undefined otherwise.
 */
function onDemandTables(value: unknown, byId: ReadonlyMap<string, Resource>): string[] | undefined {
  // The parameters an import's name is built from (`${CoreStackName}-TableArn`) name no table here.
  const ids = [...refsIn(withoutImports(value))].filter((id) => !/^AWS::/.test(id));
  const imports = importsIn(value);
  if (ids.length === 0 && imports.length === 0) return undefined;
  const onDemand = (t: Resource | undefined) =>
    t?.type === 'AWS::Serverless::SimpleTable'
      ? t.props.ProvisionedThroughput === undefined
      : t?.type === 'AWS::DynamoDB::Table' && t.props.BillingMode === 'PAY_PER_REQUEST';
  const local = ids.every((id) => {
    const t = byId.get(id);
    if (t !== undefined) return onDemand(t);
    const named = tablesNamedBy(id, byId);
    return named.length > 0 && named.every(onDemand);
  });
  return local ? imports : undefined;
}

/**
 * The tables of the template named by the parameter `id` (`TableName: !Ref OrdersTableName`): SAM's DynamoDB policy
 * templates take a table's name, and a template that names its table from a parameter often hands the policy that
 * parameter rather than the table. Empty when the parameter names no table here (a table of another stack).
 */
export function tablesNamedBy(id: string, byId: ReadonlyMap<string, Resource>): Resource[] {
  // The name exactly the parameter: a name built from it and more (`${Stage}-orders`) may not be the one meant.
  // DynamoDB's own tables only: a Glue, Timestream or Keyspaces table says nothing of a DynamoDB policy's.
  return [...byId.values()].filter(
    (t) =>
      (t.type === 'AWS::DynamoDB::Table' || t.type === 'AWS::Serverless::SimpleTable') &&
      obj(t.props.TableName)?.Ref === id,
  );
}

/** The imported tables a statement needs on demand, or undefined when it reaches something floodable. */
function absorbingStatement(s: unknown, byId: ReadonlyMap<string, Resource>): string[] | undefined {
  const statement = obj(s);
  if (statement === undefined) return undefined;
  if (statement.Effect === 'Deny') return [];
  const actions = ([] as unknown[]).concat(statement.Action ?? []);
  if (actions.length === 0 || !actions.every((a) => typeof a === 'string' && ABSORBING_ACTION.test(a)))
    return undefined;
  const dynamo = actions.some((a) => /^dynamodb:/i.test(a as string));
  return dynamo ? onDemandTables(statement.Resource, byId) : [];
}

/** A policy: a managed policy's name or ARN, a document (`{ Statement }`), or a SAM policy template. */
function absorbingPolicy(p: unknown, byId: ReadonlyMap<string, Resource>): string[] | undefined {
  if (typeof p === 'string') return BASIC_MANAGED.test(p.split('/').pop() ?? '') ? [] : undefined;
  const policy = obj(p);
  if (policy === undefined) return undefined;
  if (policy.Statement !== undefined)
    return every([].concat(policy.Statement as never), (s) => absorbingStatement(s, byId));
  const keys = Object.keys(policy);
  if (keys.length !== 1 || !ABSORBING_TEMPLATES.test(keys[0] as string)) return undefined;
  return !(keys[0] as string).startsWith('DynamoDB') ? [] : onDemandTables(policy[keys[0] as string], byId);
}

/** The union of each item's imports, or undefined when one of them reaches something floodable. */
function every<T>(items: readonly T[], judge: (item: T) => string[] | undefined): string[] | undefined {
  const out: string[] = [];
  for (const item of items) {
    const imports = judge(item);
    if (imports === undefined) return undefined;
    out.push(...imports);
  }
  return out;
}

/**
 * The policies of the template role a function names (`Role: !GetAtt WorkerRole.Arn`), if it is one: the
 * role's inline documents, its managed policies (a document of this template, else the ARN as written) and
 * every `AWS::IAM::Policy` / `ManagedPolicy` attached to it by `Roles` (CDK writes a role's grants to such a
 * `DefaultPolicy`).
 * @example
 * rolePolicies(fn, byId) // [{ Statement: [...] }, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']
 */
export function rolePolicies(fn: Resource, byId: ReadonlyMap<string, Resource>): unknown[] | undefined {
  const roleId = [...refsIn(fn.props.Role)][0];
  const role = roleId !== undefined ? byId.get(roleId) : undefined;
  if (role?.type !== 'AWS::IAM::Role') return undefined;
  const policies: unknown[] = ([] as unknown[])
    .concat(role.props.Policies ?? [])
    .map((p) => obj(p)?.PolicyDocument ?? p);
  for (const arn of ([] as unknown[]).concat(role.props.ManagedPolicyArns ?? [])) {
    // A managed policy of this template (`!Ref OrdersPolicy`) is read; an AWS one is known by name.
    const own = byId.get([...refsIn(arn)][0] ?? '');
    policies.push(own?.type === 'AWS::IAM::ManagedPolicy' ? own.props.PolicyDocument : arn);
  }
  for (const r of byId.values())
    if (
      (r.type === 'AWS::IAM::Policy' || r.type === 'AWS::IAM::ManagedPolicy') &&
      refsIn(r.props.Roles).has(roleId as string)
    )
      policies.push(r.props.PolicyDocument);
  return policies;
}

/**
 * The export names of imported tables that must be on demand for everything the function may reach to
 * absorb a backlog's request rate (`[]`: nothing to flood here); undefined when something floodable or
 * unknown is behind it.
 *
 * @example
 * floodImports(fn, byId, globals) // Policies: [DynamoDBCrudPolicy: { TableName: !Ref OnDemandTable }] -> []
 */
export function floodImports(
  fn: Resource | undefined,
  byId: ReadonlyMap<string, Resource>,
  globals: Record<string, Json>,
): string[] | undefined {
  if (fn === undefined || !fn.type.endsWith('Function')) return undefined;
  const policies =
    fn.props.Role !== undefined
      ? rolePolicies(fn, byId)
      : fn.type === 'AWS::Serverless::Function'
        ? ([] as unknown[]).concat(fn.props.Policies ?? [])
        : undefined;
  if (policies === undefined || policies.length === 0) return undefined;
  const imports = every(policies, (p) => absorbingPolicy(p, byId));
  const variables = {
    ...(obj(obj(globals.Environment)?.Variables) ?? {}),
    ...(obj(obj(fn.props.Environment)?.Variables) ?? {}),
  };
  return Object.entries(variables).some(([k, v]) => namesEndpoint(k, v)) ? undefined : imports;
}

/**
 * Export names this template gives its on-demand tables (`Outputs: X: { Value: !GetAtt Table.Arn, Export }`),
 * for functions of other templates that import them.
 */
export function onDemandTableExports(template: Record<string, Json>): string[] {
  const exports = exportsByResource(template);
  const out: string[] = [];
  for (const [id, r] of Object.entries(obj(template.Resources) ?? {})) {
    const res = obj(r);
    const props = obj(res?.Properties) ?? {};
    const onDemand =
      (res?.Type === 'AWS::DynamoDB::Table' && props.BillingMode === 'PAY_PER_REQUEST') ||
      (res?.Type === 'AWS::Serverless::SimpleTable' && props.ProvisionedThroughput === undefined);
    if (onDemand) out.push(...(exports.get(id) ?? []).filter((name) => !name.startsWith('/')));
  }
  return out;
}
