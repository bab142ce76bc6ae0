// iac-no-reserved-concurrency in CDK code, like templates (iac/floodTargets.ts): the finding is about what
// a backlog floods. A consumer whose only permissions in this module are grants on services that absorb
// any request rate (an on-demand table, a queue, a topic, a bus, a bucket's objects, a secret or parameter
// read, as SAM's list has it) or policy statements of
// such actions, and whose environment names no endpoint, database or function, has nothing behind it to
// flood. A role of its own, a grant on anything else (a provisioned table, a function, a stream), or no
// grant in sight keeps it. A queue, topic or bus handed in by props is known by its grant alone: no other
// construct has `grantSendMessages`, `grantPublish` or `grantPutEventsTo`. A table handed in (its data
// grants) is on demand when every table the CDK app builds is (cdkAppTables.ts).
import { calleeName, memberPath, type Node, objectProps, stringValue, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { appTablesOnDemand } from './cdkAppTables.js';
import { basicExecutionRole } from './cdkBasicRole.js';
import { namesWord, plainFunctionProps } from './cdkFunctionEnvironment.js';
import { fieldBuilt } from './cdkHandlers.js';

const ABSORBING_GRANT =
  /^grant(ReadData|WriteData|ReadWriteData|StreamRead|SendMessages|ConsumeMessages|Publish|PutEventsTo)$/;
/** Grants only a queue, a topic or a bus has: whatever the receiver, it absorbs any rate. */
const OWN_KIND_GRANT = /^grant(SendMessages|ConsumeMessages|Publish|PutEventsTo)$/;
/** A bucket's object grants (a stream or a secret has `grantRead`/`grantWrite` too: the receiver decides). */
const BUCKET_GRANT = /^grant(Read|Write|ReadWrite|Put|Delete)$/;
/** A DynamoDB table's item grants: no other construct of the CDK library has them. */
const TABLE_DATA_GRANT = /^grant(ReadData|WriteData|ReadWriteData)$/;
const ABSORBING_ACTION =
  /^(dynamodb:[A-Za-z*]+|events:PutEvents|sqs:SendMessage(Batch)?|sns:Publish(Batch)?|s3:(Get|Put|Delete)Object\w*|s3:ListBucket|s3:AbortMultipartUpload|secretsmanager:GetSecretValue|ssm:GetParameters?|kms:(Decrypt|GenerateDataKey)|states:SendTask\w+|xray:[A-Za-z*]+|logs:[A-Za-z*]+|cloudwatch:PutMetricData)$/;
const ENDPOINT_WORD = /^(URL|URI|ENDPOINT|HOST|HOSTNAME|API|DATABASE|DB|REDIS|CLUSTER|FUNCTION)$/i;
/** Secrets Manager secrets and SSM parameters: a read of one is cached by its client and absorbs any rate. */
const SECRET_KIND = /^(Secret|StringParameter|StringListParameter)$/;
/** Constructs that scale with requests; a Table only when it is on demand. */
const ABSORBING_CONSTRUCT = /^(Queue|Topic|EventBus|TableV2)$/;

/** A bucket built here (`new s3.Bucket`, a project's `GuS3Bucket`) or imported by name (`Bucket.fromBucketName`). */
function isBucket(ctx: ModuleContext, receiver: Node | undefined): boolean {
  const made = built(ctx, receiver) ?? ctx.valueOf(unwrap(receiver));
  const path =
    made?.type === 'NewExpression' || made?.type === 'CallExpression' ? memberPath(made.callee) : undefined;
  if (path === undefined) return false;
  return made?.type === 'NewExpression'
    ? /Bucket$/.test(path.at(-1) ?? '')
    : path.at(-2) === 'Bucket' && /^fromBucket/.test(path.at(-1) ?? '');
}

/**
 * A secret or parameter read (`secret.grantRead(fn)`, `param.grantRead(fn)`), as SAM's list has it: the
 * receiver is built or imported here as one (`new Secret`, `StringParameter.fromStringParameterName`), or
 * typed one in the module (`secret: ISecret` in the props type).
 */
function isSecretOrParameter(ctx: ModuleContext, grant: string, receiver: Node | undefined): boolean {
  if (grant !== 'grantRead') return false;
  const made = built(ctx, receiver) ?? ctx.valueOf(unwrap(receiver));
  const path =
    made?.type === 'NewExpression' || made?.type === 'CallExpression' ? memberPath(made.callee) : undefined;
  if (path !== undefined)
    return made?.type === 'NewExpression'
      ? SECRET_KIND.test(path.at(-1) ?? '')
      : SECRET_KIND.test(path.at(-2) ?? '') && /^from/.test(path.at(-1) ?? '');
  const field = memberPath(unwrap(receiver))?.at(-1);
  return (
    field !== undefined &&
    new RegExp(`\\b${field}\\??\\s*:\\s*(?:\\w+\\.)?I(?:Secret|StringParameter|StringListParameter)\\b`).test(
      ctx.source,
    )
  );
}

/** A table grant on a table this module does not build (props, a parameter): on demand if the app's all are. */
function handedOnDemandTable(ctx: ModuleContext, grant: string, receiver: Node | undefined): boolean {
  if (!TABLE_DATA_GRANT.test(grant) || built(ctx, receiver) !== undefined) return false;
  return ctx.valueOf(unwrap(receiver))?.type !== 'CallExpression' && appTablesOnDemand(ctx.file, ctx.root);
}

/** The `new X(...)` a receiver stands for: a name, or a class field the module assigns once (`this.table`). */
function built(ctx: ModuleContext, receiver: Node | undefined): Node | undefined {
  const made = ctx.valueOf(unwrap(receiver));
  return made?.type === 'NewExpression' ? made : fieldBuilt(ctx, receiver);
}

function absorbingResource(ctx: ModuleContext, receiver: Node | undefined): boolean {
  const made = built(ctx, receiver);
  if (made?.type !== 'NewExpression') return false;
  const kind = memberPath(made.callee)?.at(-1) ?? '';
  if (ABSORBING_CONSTRUCT.test(kind)) return true;
  if (kind !== 'Table') return false;
  const billing = objectProps(ctx.valueOf((made.arguments as Node[])[2]))?.props.get('billingMode');
  return /PAY_PER_REQUEST/.test(billing === undefined ? '' : ctx.source.slice(billing.start, billing.end));
}

function absorbingStatement(ctx: ModuleContext, statement: Node | undefined): boolean {
  const made = ctx.valueOf(unwrap(statement));
  if (made?.type !== 'NewExpression') return false;
  const actions = ctx.valueOf(objectProps(ctx.valueOf((made.arguments as Node[])[0]))?.props.get('actions'));
  if (actions?.type !== 'ArrayExpression') return false;
  const list = (actions.elements as (Node | null)[]).map((e) => (e === null ? undefined : stringValue(e)));
  return list.length > 0 && list.every((a) => a !== undefined && ABSORBING_ACTION.test(a));
}

/**
 * The function `fnName` builds (`new lambda.Function(...)` held in that variable) is granted only
 * request-scaled services in this module, and its environment names no endpoint.
 *
 * @example
 * nothingToFloodInCdk(ctx, 'worker', props) // table (PAY_PER_REQUEST).grantWriteData(worker) only -> true
 */
export function nothingToFloodInCdk(
  ctx: ModuleContext,
  fnName: string | undefined,
  fnProps: ReturnType<typeof objectProps>,
): boolean {
  // A role of its own holding only the basic execution policies reaches nothing to flood by itself.
  const basicRole = basicExecutionRole(ctx, fnProps?.props.get('role'));
  if (!plainFunctionProps(ctx, fnName, fnProps, ENDPOINT_WORD, basicRole)) return false;
  let grants = 0;
  for (const call of ctx.of('CallExpression')) {
    const name = calleeName(call) ?? '';
    const callee = unwrap(call.callee);
    if (callee?.type !== 'MemberExpression') continue;
    if (name === 'addEnvironment' && memberPath(callee.object)?.join('.') === fnName) {
      const key = stringValue(call.arguments[0] as Node | undefined) ?? '';
      if (namesWord(key, ENDPOINT_WORD)) return false;
    } else if (name === 'addToRolePolicy' || name === 'addToPrincipalPolicy') {
      if (memberPath(callee.object)?.join('.') !== fnName) continue;
      if (!absorbingStatement(ctx, call.arguments[0] as Node | undefined)) return false;
      grants++;
    } else if (name.startsWith('grant')) {
      const args = call.arguments as Node[];
      if (!args.some((a) => memberPath(a)?.join('.') === fnName)) continue;
      const absorbing =
        OWN_KIND_GRANT.test(name) ||
        (BUCKET_GRANT.test(name) && isBucket(ctx, callee.object)) ||
        (ABSORBING_GRANT.test(name) && absorbingResource(ctx, callee.object)) ||
        handedOnDemandTable(ctx, name, callee.object) ||
        isSecretOrParameter(ctx, name, callee.object);
      if (!absorbing) return false;
      grants++;
    }
  }
  return grants > 0 || basicRole;
}
