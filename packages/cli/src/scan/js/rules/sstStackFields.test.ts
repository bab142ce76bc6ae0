// SST v2 stacks hand functions to each other through `use(Stack)`: a route's `cdk.function` runs the function
// another stack built, with that stack's timeout; and a timeout held in a constant (a stage ternary) is judged
// at its longer branch, once, at the constant.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scan } from '../../scan.js';

const LAMBDA_STACK = `import { Function, StackContext } from 'sst/constructs';

export function LambdaStack({ app, stack }: StackContext) {
  const timeout = app.stage === 'prod' ? '20 seconds' : '60 seconds';
  const alerts = new Function(stack, 'Alerts', { handler: 'src/alerts.main', timeout, bind: [] });
  const audit = new Function(stack, 'Audit', { handler: 'src/audit.main', timeout });
  const report = new Function(stack, 'Report', { handler: 'src/report.main', timeout: '180 seconds' });
  const quick = new Function(stack, 'Quick', { handler: 'src/quick.main', timeout: '10 seconds' });
  return { functions: { alerts, report, quick, audit } };
}
`;

/** `stack:line` of every gateway finding in an SST app whose ApiStack routes what `routes` says. */
async function gatewayFindings(routes: string, apiDefaults = ''): Promise<string[]> {
  // Prepare
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-sst-use-'));
  mkdirSync(join(dir, 'stacks'));
  writeFileSync(join(dir, 'sst.config.ts'), "export default { config() { return { name: 'app' }; } };\n");
  writeFileSync(join(dir, 'stacks', 'LambdaStack.ts'), LAMBDA_STACK);
  writeFileSync(
    join(dir, 'stacks', 'ApiStack.ts'),
    `import { Api, StackContext, use } from 'sst/constructs';
import { LambdaStack } from './LambdaStack';

export function ApiStack({ app, stack }: StackContext) {
  const { functions } = use(LambdaStack);
  const timeout = app.stage === 'prod' ? '20 seconds' : '45 seconds';
  new Api(stack, 'Api', {
    defaults: { function: { ${apiDefaults} } },
    routes: {
      ${routes}
    },
  });
}
`,
  );

  // Act
  const result = await scan({ root: dir, workers: 0 });

  // Assess (by the caller)
  return result.findings
    .filter((f) => f.rule === 'iac-gateway-timeout-exceeds-lambda')
    .map((f) => `${f.file}:${f.line}`)
    .sort();
}

describe('SST stacks reached through use(Stack)', () => {
  it('reports the timeout of each function another stack routes, at the constant or literal that sets it', async () => {
    const found = await gatewayFindings(
      `'POST /alerts': { cdk: { function: functions.alerts } },
      'POST /report': { cdk: { function: functions.report } },`,
    );
    expect(found).toEqual(['stacks/LambdaStack.ts:4', 'stacks/LambdaStack.ts:7']);
  });

  it('leaves a returned function no route reaches, and one whose timeout is under the wait', async () => {
    const found = await gatewayFindings(`'POST /quick': { cdk: { function: functions.quick } },`);
    expect(found).toEqual([]);
  });

  it('reads a stage ternary in the defaults at its longer branch, reported once at the constant', async () => {
    const found = await gatewayFindings(
      `'GET /a': 'src/a.main',
      'GET /b': { function: { handler: 'src/b.main', timeout } },`,
      'timeout',
    );
    expect(found).toEqual(['stacks/ApiStack.ts:6']);
  });

  it('reports a constant only one route reads where that route reads it', async () => {
    const found = await gatewayFindings(`'GET /b': { function: { handler: 'src/b.main', timeout } },`);
    expect(found).toEqual(['stacks/ApiStack.ts:10']);
  });

  it('leaves a ternary whose every branch is under the wait', async () => {
    const found = await gatewayFindings(`'GET /a': 'src/a.main',`, "timeout: app.stage === 'prod' ? 10 : 20");
    expect(found).toEqual([]);
  });
});
