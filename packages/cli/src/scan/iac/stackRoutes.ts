// iac-gateway-timeout-exceeds-lambda across CloudFormation/SAM stacks: the functions are built in one
// template and the API in another (nested stacks, or stacks deployed side by side), which reads each
// function's ARN through a parameter of the same name as the output that hands it on
// (`Outputs: OrdersFunctionArn: { Value: !GetAtt Orders.Arn }` on one side, `Uri: !Sub
// '...functions/${OrdersFunctionArn}/invocations'` in an `AWS::ApiGateway::Method` on the other, the parent
// passing `OrdersFunctionArn: !GetAtt Functions.Outputs.OrdersFunctionArn`). A function no route of its
// own template reaches is a tentative finding naming its outputs; the project pass keeps it when some
// template's integration reads one of them and waits less than its timeout.

import { API_GATEWAY_MAX_MS, HTTP_API_MAX_MS } from './apiLimits.js';
import { outlivesGateway } from './gatewayLimit.js';
import { type Json, num, obj } from './IacResult.js';
import { refsIn } from './yamlDocument.js';

/** A template parameter an API integration's URI reads, and how long the integration waits. */
export interface RouteParam {
  readonly name: string;
  readonly limitMs: number;
}

/** The parameters this template's API methods and integrations call as functions. */
export function routeParams(template: Record<string, Json>): RouteParam[] {
  const params = obj(template.Parameters) ?? {};
  const out: RouteParam[] = [];
  for (const r of Object.values(obj(template.Resources) ?? {})) {
    const type = obj(r)?.Type;
    if (type !== 'AWS::ApiGateway::Method' && type !== 'AWS::ApiGatewayV2::Integration') continue;
    const props = obj(obj(r)?.Properties) ?? {};
    const integration = type === 'AWS::ApiGateway::Method' ? (obj(props.Integration) ?? {}) : props;
    const limitMs =
      num(integration.TimeoutInMillis) ??
      (type === 'AWS::ApiGatewayV2::Integration' ? HTTP_API_MAX_MS : API_GATEWAY_MAX_MS);
    for (const id of refsIn(integration.IntegrationUri ?? integration.Uri))
      if (params[id] !== undefined) out.push({ name: id, limitMs });
  }
  return out;
}

/** Output names of this template, by the logical id each output's value refers to. */
export function outputsByResource(template: Record<string, Json>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [name, output] of Object.entries(obj(template.Outputs) ?? {}))
    for (const id of refsIn(obj(output)?.Value)) out.set(id, [...(out.get(id) ?? []), name]);
  return out;
}

/**
 * Whether a tentative finding is kept by the project: some template routes one of its outputs through a
 * parameter of the same name, with an integration that waits less than the function runs.
 * @example
 * const routed = routedElsewhere(results); results[0].candidates.filter((c) => routed(c));
 */
export function routedElsewhere(
  results: readonly { readonly routeParams?: readonly RouteParam[] }[],
): (c: {
  readonly stackRouted?: { readonly outputs: readonly string[]; readonly seconds: number };
}) => boolean {
  const routes = results.flatMap((r) => r.routeParams ?? []);
  return (c) =>
    c.stackRouted === undefined ||
    routes.some(
      (r) =>
        c.stackRouted?.outputs.includes(r.name) &&
        outlivesGateway(c.stackRouted?.seconds ?? 0, r.limitMs / 1000),
    );
}
