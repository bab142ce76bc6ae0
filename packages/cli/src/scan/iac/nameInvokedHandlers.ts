// The handlers of functions the project's own code may invoke by the name they are deployed under: a
// serverless.yml function with no events (`service-stage-key`, or its own `name`; serverlessInvoked.ts),
// a SAM/CloudFormation function with a `FunctionName` (cfnNameInvoked.ts). When some code invokes that
// name with `InvocationType: 'Event'` (invokedFunctions.ts), Lambda discards what the handler returns, so
// a failure it answers as a value (`return serverError(...)`) counts as a success: the same question as a
// schedule's target (unreadAnswerHandlers.ts), asked once the code is read (wireTemplates.ts).
import { invokedName } from './cfnNameInvoked.js';
import { type Json, joinHandler, obj } from './IacResult.js';
import { deployedNames, eventless, serviceName } from './serverlessInvoked.js';

/** A function's deployed name patterns (`svc-*-notify`), with its handler string. */
export type NamedHandler = readonly [names: readonly string[], handler: string];

/**
 * A serverless.yml's functions no event of its own invokes, each with the names it is deployed under.
 * @example
 * serverlessNamedHandlers({ service: 'fees', functions: { store: { handler: 'src/store.handler' } } })
 * // [[['fees-*-store'], 'src/store.handler']]
 */
export function serverlessNamedHandlers(config: Record<string, Json>): NamedHandler[] {
  const service = serviceName(config);
  if (service === undefined) return [];
  const out: NamedHandler[] = [];
  for (const [key, f] of Object.entries(obj(config.functions) ?? {})) {
    const fn = obj(f);
    if (fn === undefined || typeof fn.handler !== 'string' || !eventless(fn)) continue;
    out.push([deployedNames(service, key, fn), fn.handler]);
  }
  return out;
}

/**
 * A SAM/CloudFormation template's functions that spell their deployed name (`FunctionName`), each with it.
 * @example
 * samNamedHandlers(template) // [[['*_orders_cancelled'], 'src/cancel.handler']]
 */
export function samNamedHandlers(template: Record<string, Json>): NamedHandler[] {
  const globals = obj(obj(template.Globals)?.Function) ?? {};
  const out: NamedHandler[] = [];
  for (const [id, r] of Object.entries(obj(template.Resources) ?? {})) {
    const res = obj(r);
    const type = res?.Type;
    if (type !== 'AWS::Serverless::Function' && type !== 'AWS::Lambda::Function') continue;
    const props = obj(res?.Properties) ?? {};
    const name = invokedName({ id, type, props });
    const handler = joinHandler(props.CodeUri ?? globals.CodeUri, props.Handler ?? globals.Handler);
    if (name !== undefined && handler !== undefined) out.push([[name], handler]);
  }
  return out;
}
