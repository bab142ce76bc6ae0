// aws-lambda's HTTP request types as a module spells them: the one reading of "this code answers an API
// Gateway, ALB or function-URL request" shared by the catch exemptions (rules/catchExemptions.ts) and the
// request-only key exemption (rules/requestScope.ts). Only aws-lambda's own names count: a project's alias
// (a template's `ValidatedEventAPIGatewayProxyEvent`) is put on queue handlers and schedules too.
import type { Node } from './ast.js';
import type { ModuleContext } from './ModuleContext.js';

/** API Gateway, ALB and function-URL types: `APIGatewayProxyHandler`, `APIGatewayProxyResultV2`, `ALBEvent`. */
const REQUEST_TYPE = /^(?:APIGateway\w*|ALB(?:Event|Handler|Result)\w*|LambdaFunctionURL\w*)$/;

/**
 * The names a module imports from `aws-lambda`, with `import type` too (which the module's import table
 * leaves out), and its namespace names.
 * @example
 * awsLambdaTypes("import type { ALBEvent as E } from 'aws-lambda';").names // Set { 'E' }
 */
export function awsLambdaTypes(source: string): { names: Set<string>; namespaces: Set<string> } {
  const names = new Set<string>();
  const namespaces = new Set<string>();
  for (const m of source.matchAll(/\bimport\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]aws-lambda['"]/g))
    for (const part of (m[1] as string).split(','))
      names.add(
        part
          .replace(/^\s*type\s+/, '')
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? '',
      );
  for (const m of source.matchAll(/\bimport\s+(?:type\s+)?\*\s+as\s+(\w+)\s+from\s*['"]aws-lambda['"]/g))
    namespaces.add(m[1] as string);
  return { names, namespaces };
}

/**
 * Does the type annotation `t` name one of aws-lambda's request types (`APIGatewayProxyEvent`,
 * `Handler<APIGatewayProxyEvent, ...>`, `lambda.ALBEvent`), imported from `aws-lambda`?
 */
export function namesRequestType(ctx: ModuleContext, t: Node | null | undefined): boolean {
  if (t == null || !ctx.spells('aws-lambda')) return false;
  const { names, namespaces } = awsLambdaTypes(ctx.source);
  const text = ctx.source.slice(t.start, t.end);
  for (const m of text.matchAll(/(?:(\w+)\.)?(\w+)/g)) {
    const [, qualifier, name] = m;
    if (!REQUEST_TYPE.test(name ?? '')) continue;
    if (qualifier === undefined ? names.has(name ?? '') : namespaces.has(qualifier)) return true;
  }
  return false;
}

/**
 * The handler is declared, with aws-lambda's own types, to answer an HTTP request: its variable typed
 * `APIGatewayProxyHandler` (or `Handler<APIGatewayProxyEvent, ...>`), its return type an API Gateway or ALB
 * result. A route that lists everything reads nothing from its request (`const listCards:
 * APIGatewayProxyHandler = async () => ...`), yet a user waits on its answer.
 */
export function answersRequest(ctx: ModuleContext, fn: Node): boolean {
  const parent = ctx.parentOf(fn);
  const declared = parent?.type === 'VariableDeclarator' ? parent.id?.typeAnnotation : undefined;
  return namesRequestType(ctx, declared) || namesRequestType(ctx, fn.returnType);
}

/** A parameter (`event: APIGatewayProxyEvent`, with a default too) typed with aws-lambda's request type. */
export function requestTypedParam(ctx: ModuleContext, param: Node): boolean {
  const id = param.type === 'AssignmentPattern' ? (param.left as Node) : param;
  return namesRequestType(ctx, id.typeAnnotation as Node | null | undefined);
}
