// A project API construct routing a positional constructor argument: the finding names the argument; and one
// routing each element of an array of props (`props.routeHandlers.forEach(({ handler }) => ...)`).
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';
import { tempTrees } from '../../testing/tempTrees.js';
import { contextOf } from '../testing/parsed.js';
import { gatewayTimeouts } from './cdkApiFunctions.js';

describe('routedPropsBuilt', () => {
  it('names a routed positional argument by its 1-based position, not its internal key', () => {
    const ctx = contextOf(
      `import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
class ReportAPI extends Construct {
  constructor(scope, id, fn) {
    super(scope, id);
    new apigw.LambdaIntegration(fn);
  }
}
export class Stack extends cdk.Stack {
  constructor(scope, id) {
    super(scope, id);
    const f = new lambda.Function(this, 'F', { timeout: cdk.Duration.seconds(60) });
    new ReportAPI(this, 'R', f);
  }
}`,
      '/app/infra/stack.ts',
    );
    const messages: string[] = [];
    gatewayTimeouts(ctx, (_rule, _node, message) => messages.push(message));
    expect(messages.some((m) => m.includes('ReportAPI routes its argument 3 behind the API'))).toBe(true);
  });
});

const tree = tempTrees('bulwark-api-elements-');

/** A CDK app: an API construct that routes each `handler` of its `routeHandlers` array, given two fields of a crawler construct. */
function app(iterate: string): string {
  return tree({
    'package.json':
      '{ "name": "kuri-infra", "private": true, "dependencies": { "aws-cdk-lib": "^2.100.0", "constructs": "^10.0.0", "@aws-cdk/aws-apigatewayv2-alpha": "^2.100.0-alpha.0", "@aws-cdk/aws-apigatewayv2-integrations-alpha": "^2.100.0-alpha.0" } }\n',
    'cdk.json': '{ "app": "npx ts-node bin/app.ts" }\n',
    'lib/api.ts': [
      "import * as apigw from '@aws-cdk/aws-apigatewayv2-alpha';",
      "import * as integrations from '@aws-cdk/aws-apigatewayv2-integrations-alpha';",
      "import * as lambda from 'aws-cdk-lib/aws-lambda';",
      "import { Construct } from 'constructs';",
      'type RouteHandler = { routePath: string; handler: lambda.IFunction };',
      'export interface ApiProps { routeHandlers: RouteHandler[]; jobs: { name: string; handler: lambda.IFunction }[] }',
      'export default class Api extends Construct {',
      '  constructor(scope: Construct, id: string, props: ApiProps) {',
      '    super(scope, id);',
      "    const httpApi = new apigw.HttpApi(this, 'Http');",
      iterate,
      '  }',
      '}',
      '',
    ].join('\n'),
    'lib/crawler.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';",
      "import { Construct } from 'constructs';",
      'export default class Crawler extends Construct {',
      '  public readonly handler: NodejsFunction;',
      '  public readonly worker: NodejsFunction;',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    this.handler = new NodejsFunction(this, 'Handler', { entry: 'functions/crawler/index.ts', timeout: cdk.Duration.seconds(180) });",
      "    this.worker = new NodejsFunction(this, 'Worker', { entry: 'functions/crawler/worker.ts', timeout: cdk.Duration.seconds(300) });",
      '  }',
      '}',
      '',
    ].join('\n'),
    'lib/stack.ts': [
      "import * as cdk from 'aws-cdk-lib';",
      "import { Construct } from 'constructs';",
      "import Api from './api';",
      "import Crawler from './crawler';",
      'export class BackendStack extends cdk.Stack {',
      '  constructor(scope: Construct, id: string) {',
      '    super(scope, id);',
      "    const crawler = new Crawler(this, 'Crawler');",
      "    new Api(this, 'Api', {",
      "      routeHandlers: [{ routePath: '/crawlers', handler: crawler.handler }],",
      "      jobs: [{ name: 'crawl', handler: crawler.worker }],",
      '    });',
      '  }',
      '}',
      '',
    ].join('\n'),
  });
}

async function gatewayLines(root: string): Promise<string[]> {
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.rule === 'iac-gateway-timeout-exceeds-lambda')
    .map((f) => `${f.file}:${f.line}`);
}

describe('functions handed to an API construct in an array of props', () => {
  it.each([
    ['forEach over props.routeHandlers', 'props.routeHandlers.forEach(({ routePath, handler }) => {'],
    [
      'map over a destructured routeHandlers',
      'const { routeHandlers } = props;\n    routeHandlers.map(({ routePath, handler }) => {',
    ],
  ])(
    'judges each element the construct routes (%s), not the array it never iterates (trap)',
    async (_, head) => {
      // Prepare
      const root = app(
        `    ${head}\n      httpApi.addRoutes({ path: routePath, integration: new integrations.HttpLambdaIntegration('I', handler) });\n    });`,
      );

      // Act
      const lines = await gatewayLines(root);

      // Assess
      expect(lines).toEqual(['lib/crawler.ts:9']);
    },
  );
});
