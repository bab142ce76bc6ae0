// Code that serves an HTTP request and nothing else: a function whose parameter is typed with aws-lambda's
// API Gateway, ALB or function-URL event. The platform does not retry such a call; a client that retries
// sends a new request, which code of this kind recognises (if at all) by a key the client sends. A key
// this code makes up for a request without one (`idempotencyKey: uuidv4()` when no header came) is the
// placeholder of a request that cannot be recognised again anyway, not a key a redelivery would miss.
import type { Node } from '../ast.js';
import type { ModuleContext } from '../ModuleContext.js';
import { redelivered } from '../redelivery.js';
import { awsLambdaTypes } from './catchExemptions.js';

/** aws-lambda's HTTP request events: `APIGatewayProxyEvent`, `APIGatewayProxyEventV2`, `ALBEvent`, ... */
const REQUEST_EVENT = /^(?:APIGateway(?:Proxy)?Event\w*|ALBEvent|LambdaFunctionURLEvent\w*)$/;

/**
 * Is `node` inside a function that takes an HTTP request event (a parameter typed with a REQUEST_EVENT name
 * imported from `aws-lambda`), in a module whose handlers are not redelivered? A project's own alias of the
 * type is not read as one: templates put such aliases on queue handlers too.
 * @example
 * // import type { APIGatewayProxyEvent } from 'aws-lambda';
 * // export async function check(event: APIGatewayProxyEvent) { return { key: uuidv4() }; }  -> true
 */
export function servesRequestOnly(ctx: ModuleContext, node: Node): boolean {
  if (!ctx.spells('aws-lambda') || redelivered(ctx)) return false;
  for (let fn = ctx.enclosingFunction(node); fn !== undefined; fn = ctx.enclosingFunction(fn))
    if (((fn.params as Node[] | undefined) ?? []).some((p) => requestTyped(ctx, p))) return true;
  return false;
}

/** A parameter (`event: APIGatewayProxyEvent`, with a default too) typed as aws-lambda's request event. */
function requestTyped(ctx: ModuleContext, param: Node): boolean {
  const id = param.type === 'AssignmentPattern' ? (param.left as Node) : param;
  const annotation = (id.typeAnnotation as Node | null | undefined)?.typeAnnotation as Node | undefined;
  if (annotation?.type !== 'TSTypeReference') return false;
  const name = annotation.typeName as Node | undefined;
  if (name?.type !== 'Identifier' || !REQUEST_EVENT.test(name.name as string)) return false;
  // `import type { ... }` is not in the module's import table: read the import statements themselves.
  return awsLambdaTypes(ctx.source).names.has(name.name as string);
}
