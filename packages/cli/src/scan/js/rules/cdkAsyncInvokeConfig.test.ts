import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { contextOf } from '../testing/parsed.js';
import { cdkRules } from './cdk.js';
import { asyncInvokeWithoutDestination } from './cdkAsyncInvokeConfig.js';

const HEAD = "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';\n";

/** Lines (1-based) the pass reports in `body`, with `judged` as the construct passes left it. */
function lines(body: string, judged: ReadonlySet<Node> = new Set()): number[] {
  const source = HEAD + body;
  const ctx = contextOf(source);
  const found: number[] = [];
  asyncInvokeWithoutDestination(
    ctx,
    (_rule, node: Node) => {
      found.push(source.slice(0, node.start as number).split('\n').length);
    },
    judged,
  );
  return found;
}

/** Lines of every iac-missing-dlq finding all the CDK passes make in `body`. */
function dlqLines(body: string): number[] {
  const source = `import { SnsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';\n${HEAD}${body}`;
  const found: number[] = [];
  cdkRules(contextOf(source), (rule, node: Node) => {
    if (rule === 'iac-missing-dlq') found.push(source.slice(0, node.start as number).split('\n').length);
  });
  return found;
}

const FN =
  "const fn = new NodejsFunction(this, 'Fn', { entry: 'src/a.ts', environment: { T: table.tableName } });\n";
const WORK = 'table.grantReadWriteData(fn);\n';
const BACKEND = 'const backend = defineBackend({ buildPlan });\n';

describe('asyncInvokeWithoutDestination', () => {
  it('reports retries turned off with no destination, on a built function or an Amplify one', () => {
    // Arrange
    const built = `${FN}${WORK}fn.configureAsyncInvoke({ retryAttempts: 0 });`;
    const amplify = `${BACKEND}backend.buildPlan.resources.lambda.configureAsyncInvoke({\n  retryAttempts: 0,\n});`;

    // Act / Assess
    expect(lines(built)).toEqual([4]);
    expect(lines(amplify)).toEqual([3]);
  });

  it('reports a commented retries-off too: a reason for not retrying is no place for the failed event', () => {
    expect(
      lines(`${FN}${WORK}// a retry would answer twice\nfn.configureAsyncInvoke({ retryAttempts: 0 });`),
    ).toEqual([5]);
  });

  it('leaves an onFailure destination, a DLQ on the props, or props or options it cannot resolve', () => {
    const dlq = FN.replace("'src/a.ts'", "'src/a.ts', deadLetterQueue: dlq");
    const spread = FN.replace("'src/a.ts'", "'src/a.ts', ...shared");
    expect(lines(`${FN}${WORK}fn.configureAsyncInvoke({ retryAttempts: 0, onFailure: dest });`)).toEqual([]);
    expect(lines(`${dlq}${WORK}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(lines(`${spread}${WORK}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(lines(`${FN}${WORK}fn.configureAsyncInvoke(opts);`)).toEqual([]);
    expect(lines(`${FN}${WORK}fn.configureAsyncInvoke({ ...opts, retryAttempts: 0 });`)).toEqual([]);
  });

  it('reads options held in a local the module sets', () => {
    expect(lines(`${FN}${WORK}const opts = { retryAttempts: 0 };\nfn.configureAsyncInvoke(opts);`)).toEqual([
      5,
    ]);
  });

  it('leaves a configuration that keeps retries or only shortens the event age', () => {
    expect(lines(`${FN}${WORK}fn.configureAsyncInvoke({ retryAttempts: 1 });`)).toEqual([]);
    expect(lines(`${FN}${WORK}fn.configureAsyncInvoke({ maxEventAge: Duration.minutes(2) });`)).toEqual([]);
  });

  it("leaves a receiver the module does not build: a loop variable, a caller's function, an alias", () => {
    const a = FN.replace(/fn\b/, 'a').replace("'Fn'", "'A'");
    expect(lines(`${a}for (const f of [a]) f.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(lines(`${a}[a].forEach((f) => f.configureAsyncInvoke({ retryAttempts: 0 }));`)).toEqual([]);
    expect(lines('props.worker.configureAsyncInvoke({ retryAttempts: 0 });')).toEqual([]);
    expect(lines('other.resources.lambda.configureAsyncInvoke({ retryAttempts: 0 });')).toEqual([]);
    expect(
      lines(
        `${FN}${WORK}new Alias(this, 'Live', { version: fn.currentVersion }).configureAsyncInvoke({ retryAttempts: 0 });`,
      ),
    ).toEqual([]);
  });

  it('judges a version as its function', () => {
    const dlq = FN.replace("'src/a.ts'", "'src/a.ts', deadLetterQueue: dlq");
    expect(lines(`${dlq}${WORK}fn.currentVersion.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(lines(`${FN}${WORK}fn.currentVersion.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([4]);
  });

  it('leaves a function given nothing to act with, and an Amplify one given a DeadLetterConfig override', () => {
    const bare = "const fn = new NodejsFunction(this, 'Fn', { entry: 'src/a.ts' });\n";
    expect(lines(`${bare}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
    expect(
      lines(
        `${BACKEND}const cfn = backend.buildPlan.resources.lambda.node.defaultChild;\ncfn.addPropertyOverride('DeadLetterConfig', { TargetArn: arn });\nbackend.buildPlan.resources.lambda.configureAsyncInvoke({ retryAttempts: 0 });`,
      ),
    ).toEqual([]);
  });
});

describe('one function, one finding', () => {
  it('reports a function an SNS source invokes at its construct only, with or without a reason comment', () => {
    // Arrange
    const sns = `${FN}${WORK}fn.addEventSource(new SnsEventSource(topic));\n`;

    // Act / Assess
    expect(dlqLines(`${sns}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([3]);
    expect(
      dlqLines(
        `${sns}// duplicates are worse than a lost refresh\nfn.configureAsyncInvoke({ retryAttempts: 0 });`,
      ),
    ).toEqual([3]);
  });

  it('reports a function with no trigger the module shows at the call', () => {
    expect(dlqLines(`${FN}${WORK}fn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([5]);
  });

  it.each([
    [
      'a schedule',
      "new Rule(this, 'Cron', { schedule: Schedule.rate(d), targets: [new LambdaFunction(fn)] });",
    ],
    ['an SQS event source', 'fn.addEventSource(new SqsEventSource(queue));'],
    ['an API', "new LambdaRestApi(this, 'Api', { handler: fn });"],
    ['an HTTP API integration', "new HttpLambdaIntegration('I', fn);"],
  ])('leaves retries off on a function only %s invokes: the setting never applies', (_name, trigger) => {
    expect(lines(`${FN}${WORK}${trigger}\nfn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([]);
  });

  it.each([
    [
      'it may invoke itself',
      "fn.addToRolePolicy(new PolicyStatement({ actions: ['lambda:InvokeFunction'] }));",
    ],
    ['another function is granted its invoke', 'fn.grantInvoke(other);'],
    ['its name is handed on', "other.addEnvironment('FN', fn.functionName);"],
    [
      'its rule has no schedule',
      "new Rule(this, 'R', { eventPattern: p, targets: [new LambdaFunction(fn)] });",
    ],
    ['an SNS source feeds it', 'fn.addEventSource(new SnsEventSource(topic));'],
  ])('still reports an API handler when %s', (_name, more) => {
    const api = "new HttpLambdaIntegration('I', fn);\n";
    expect(lines(`${FN}${WORK}${api}${more}\nfn.configureAsyncInvoke({ retryAttempts: 0 });`)).toEqual([6]);
  });

  it("clears an Amplify function by its own DeadLetterConfig override only, not by another's or a comment", () => {
    const override = (name: string) =>
      `(backend.${name}.resources.lambda.node.defaultChild as CfnFunction).addPropertyOverride('DeadLetterConfig', { TargetArn: arn });\n`;
    const call = 'backend.a.resources.lambda.configureAsyncInvoke({ retryAttempts: 0 });';
    expect(lines(`${BACKEND}${override('b')}${call}`)).toEqual([4]);
    expect(lines(`${BACKEND}// TODO: DeadLetterConfig for these\n${call}`)).toEqual([4]);
    expect(lines(`${BACKEND}${override('a')}${call}`)).toEqual([]);
    const local = 'const cfn = backend.a.resources.lambda.node.defaultChild as CfnFunction;\n';
    expect(
      lines(`${BACKEND}${local}cfn.addPropertyOverride('DeadLetterConfig.TargetArn', arn);\n${call}`),
    ).toEqual([]);
  });

  it('reports an Amplify function held in a local first', () => {
    const alias = 'const l = backend.a.resources.lambda;\nl.configureAsyncInvoke({ retryAttempts: 0 });';
    expect(lines(`${BACKEND}${alias}`)).toEqual([4]);
  });
});
