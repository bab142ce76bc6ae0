// sdk-client-no-timeout: AWS SDK v3 clients without a request handler that bounds requests (and
// `requestTimeout` without `throwOnRequestTimeout`, which only warns), and v2 clients without httpOptions.
import { isBooleanLiteral, memberPath, type Node, objectProps, unwrap } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import type { Report, Rule } from './Report.js';

function v3ClientName(ctx: ModuleContext, callee: Node): string | undefined {
  const c = unwrap(callee);
  if (c?.type === 'Identifier') {
    const imp = ctx.importOf(c.name as string, c);
    if (imp?.source.startsWith('@aws-sdk/client-') && imp.imported.endsWith('Client')) return imp.imported;
  }
  if (c?.type === 'MemberExpression') {
    // `import * as sqs from '@aws-sdk/client-sqs'; new sqs.SQSClient()`
    const path = memberPath(c);
    const imp = ctx.importRoot(c);
    const last = path?.at(-1);
    if (imp?.source.startsWith('@aws-sdk/client-') && imp.imported === '*' && last?.endsWith('Client'))
      return last;
  }
  return undefined;
}

function v2ClientName(ctx: ModuleContext, callee: Node): string | undefined {
  const imp = ctx.importRoot(callee);
  if (imp === undefined) return undefined;
  if (imp.source === 'aws-sdk' || imp.source.startsWith('aws-sdk/clients/')) {
    const path = memberPath(callee);
    if (path === undefined) return undefined;
    return path.join('.');
  }
  return undefined;
}

/** What is wrong with a v3 request handler value; undefined when it bounds requests (or is not visible). */
function handlerProblem(ctx: ModuleContext, handler: Node | undefined): string | undefined {
  if (handler === undefined)
    return 'has no requestHandler, so requests have no connection or request timeout';
  const v = ctx.valueOf(handler);
  let options: Node | undefined;
  if (
    v?.type === 'NewExpression' ||
    (v?.type === 'CallExpression' && memberPath(v.callee)?.at(-1) === 'create')
  ) {
    options = v.arguments[0];
    if (options === undefined) return 'uses a request handler with no timeouts';
  } else if (v?.type === 'ObjectExpression') options = v;
  else return undefined;
  const props = objectProps(ctx.valueOf(options));
  if (props === undefined || props.spread) return undefined;
  const hasRequest = props.props.has('requestTimeout');
  const hasConnection = props.props.has('connectionTimeout');
  if (!hasRequest && !hasConnection) return 'uses a request handler with no timeouts';
  if (!hasRequest) return 'sets only connectionTimeout, so a request that connected can hang';
  if (!isBooleanLiteral(props.props.get('throwOnRequestTimeout'), true))
    return 'sets requestTimeout without throwOnRequestTimeout: true, which only logs a warning and keeps waiting';
  return undefined;
}

/**
 * The client is handed to a Bulwark dependency (`dep.protect(new DynamoDBClient({}))`, or a variable
 * holding it passed to `.protect(...)`): its requests then run under the dependency's attempt timeout,
 * retry and breaker, with the SDK's own retries replaced.
 */
function isProtected(ctx: ModuleContext, node: Node): boolean {
  const { node: outer, parent } = ctx.climb(
    node,
    (p) =>
      p.type === 'TSAsExpression' ||
      p.type === 'ParenthesizedExpression' ||
      p.type === 'TSSatisfiesExpression',
  );
  if (
    parent?.type === 'CallExpression' &&
    memberPath(parent.callee)?.at(-1) === 'protect' &&
    (parent.arguments as Node[])[0] === outer
  )
    return true;
  if (parent?.type !== 'VariableDeclarator' || parent.id?.type !== 'Identifier') return false;
  const name = (parent.id.name as string).replace(/[$]/g, '\\$');
  return new RegExp(`\\.protect\\(\\s*${name}\\s*[,)]`).test(ctx.source);
}

export const sdkRules: Rule = (ctx: ModuleContext, report: Report) => {
  const v2GlobalTimeout = /config\.update\(\s*\{[\s\S]{0,200}httpOptions/.test(ctx.source);
  const mayProtect = ctx.source.includes('.protect(');
  for (const node of ctx.of('NewExpression')) {
    const callee = node.callee as Node;
    if (mayProtect && isProtected(ctx, node)) continue;
    const v3 = v3ClientName(ctx, callee);
    if (v3 !== undefined) {
      const config = node.arguments[0] as Node | undefined;
      if (config !== undefined) {
        const props = objectProps(ctx.valueOf(config));
        if (props === undefined || props.spread) continue;
        const problem = handlerProblem(ctx, props.props.get('requestHandler'));
        if (problem !== undefined) report('sdk-client-no-timeout', node, `${v3} ${problem}`);
      } else report('sdk-client-no-timeout', node, `${v3} ${handlerProblem(ctx, undefined)}`);
      continue;
    }
    const v2 = v2ClientName(ctx, callee);
    if (v2 === undefined || v2GlobalTimeout) continue;
    const config = node.arguments[0] as Node | undefined;
    const props =
      config === undefined
        ? { props: new Map<string, Node>(), spread: false }
        : objectProps(ctx.valueOf(config));
    if (props === undefined || props.spread) continue;
    const http = objectProps(ctx.valueOf(props.props.get('httpOptions')));
    if (http !== undefined && (http.spread || http.props.has('timeout'))) continue;
    if (props.props.has('httpOptions') && http === undefined) continue;
    report(
      'sdk-client-no-timeout',
      node,
      `aws-sdk v2 ${v2} has no httpOptions.timeout (the default waits up to 2 minutes)`,
    );
  }
};
