// iac-gateway-timeout-exceeds-lambda across Terraform modules: a function built in one module (a call of a
// function module with its `timeout`: the registry's lambda module, or the project's own wrapper of
// `aws_lambda_function`) is routed by an API integration in another, reached through the outputs that hand
// it on and, on the API's side, a variable of the same name (`output "x_invoke_arn" { value =
// module.fn.invoke_arn }`, re-exported by a parent as `module.child.x_invoke_arn`, read as `uri =
// var.x_invoke_arn`). Each .tf file records its outputs and what its integrations read; the project pass
// keeps a function's finding only when a route reaches it and waits less than its timeout.
import type { Candidate } from '../js/Candidate.js';
import { type HclBlock, literal } from './hcl.js';
import { isLambdaModule } from './terraformLambdaModules.js';

const API_GATEWAY_MAX_MS = 29_000;
const HTTP_API_MAX_MS = 30_000;
/** How many outputs may hand a function on before a route reads it (module, parent, grandparent...). */
const MAX_HOPS = 4;

/** What one .tf file says about functions and API routes across modules. */
export interface TerraformGatewayFacts {
  /** Names an integration's URI reads from outside the file (`var.x`, `module.m.x`), with its wait in ms. */
  readonly routes: readonly { readonly name: string; readonly limitMs: number }[];
  /** Outputs whose value reads a module's attribute: `module.<from>.<attr>`. */
  readonly outputs: readonly { readonly name: string; readonly from: string; readonly attr: string }[];
}

/** A call of a function module: the registry's lambda module, or the project's own (a `timeout` and a `handler` or `runtime`). */
export function isFunctionModule(b: HclBlock): boolean {
  return (
    isLambdaModule(b) ||
    (b.type === 'module' && b.attrs.has('timeout') && (b.attrs.has('handler') || b.attrs.has('runtime')))
  );
}

/** The facts of one parsed .tf file. */
export function terraformGatewayFacts(blocks: readonly HclBlock[]): TerraformGatewayFacts {
  const routes: { name: string; limitMs: number }[] = [];
  for (const b of blocks) {
    const type = b.type === 'resource' ? b.labels[0] : undefined;
    if (type !== 'aws_apigatewayv2_integration' && type !== 'aws_api_gateway_integration') continue;
    const uri = b.attrs.get('integration_uri')?.raw ?? b.attrs.get('uri')?.raw ?? '';
    const ms = Number(
      literal(b.attrs.get('timeout_milliseconds')) ??
        (type === 'aws_apigatewayv2_integration' ? HTTP_API_MAX_MS : API_GATEWAY_MAX_MS),
    );
    for (const m of uri.matchAll(/\bvar\.([\w-]+)|\bmodule\.[\w-]+\.([\w-]+)/g))
      routes.push({ name: (m[1] ?? m[2]) as string, limitMs: Number.isNaN(ms) ? API_GATEWAY_MAX_MS : ms });
  }
  const outputs: { name: string; from: string; attr: string }[] = [];
  for (const b of blocks) {
    if (b.type !== 'output' || b.labels[0] === undefined) continue;
    const m = /^\s*module\.([\w-]+)\.([\w-]+)\s*$/.exec(b.attrs.get('value')?.raw ?? '');
    if (m !== null) outputs.push({ name: b.labels[0], from: m[1] as string, attr: m[2] as string });
  }
  return { routes, outputs };
}

/** The function a tentative finding names, and the timeout it runs with. */
export interface GatewayFunctionRef {
  /** The module call's name in its file (`avl_subscriber` for `module "avl_subscriber"`). */
  readonly module: string;
  readonly seconds: number;
}

/**
 * Judges a function module's tentative finding against the whole project: kept, with the route's wait,
 * when an integration in some module reads a name its outputs hand the function on under.
 */
export function gatewayFunctionFinding(
  files: readonly { readonly dir: string; readonly facts: { readonly gateway: TerraformGatewayFacts } }[],
  dir: string,
  c: Candidate,
  fn: GatewayFunctionRef,
): Candidate | undefined {
  const routes = files.flatMap((f) => f.facts.gateway.routes);
  const outputs = files.flatMap((f) => f.facts.gateway.outputs.map((o) => ({ ...o, dir: f.dir })));
  let names = outputs.filter((o) => o.dir === dir && o.from === fn.module).map((o) => o.name);
  const seen = new Set(names);
  for (let hop = 0; hop < MAX_HOPS && names.length > 0; hop++) {
    const route = routes.find((r) => names.includes(r.name) && fn.seconds * 1000 > r.limitMs);
    if (route !== undefined)
      return { ...c, message: c.message.replace('{limit}', `${route.limitMs} ms (var.${route.name})`) };
    names = outputs.filter((o) => names.includes(o.attr) && !seen.has(o.name)).map((o) => o.name);
    for (const n of names) seen.add(n);
  }
  return undefined;
}
