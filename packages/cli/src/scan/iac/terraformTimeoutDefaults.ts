// iac-gateway-timeout-exceeds-lambda for a local function module's default timeout. A project's own
// function module (`aws_lambda_function` with `timeout = var.timeout`, `variable "timeout" { default = 30
// }`) is called once per function; the calls that pass no `timeout` run with the default, and the caller
// hands their function to an API: an integration of its own folder reads `module.<call>.*`, or an argument
// of a local API module's call does (`integrations = { send = { lambda_invoke_arn =
// module.send.lambda_invoke_arn } }`) and that module's integration `uri`, or the
// `x-amazon-apigateway-integration` `uri` of its OpenAPI body, reads the variable of that argument's name.
// The route's wait is the integration's own timeout (`timeout_milliseconds`, `timeoutInMillis`), else its
// API's ceiling (REST 29 s, HTTP 30 s). The default is reported at its `default` line when some call keeps
// it and is routed so.
import type { Candidate } from '../js/Candidate.js';
import { listCalls } from '../listCalls.js';
import { API_GATEWAY_MAX_MS, HTTP_API_MAX_MS } from './apiLimits.js';
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from './gatewayLimit.js';
import { type HclBlock, literal } from './hcl.js';
import type { TfReport } from './terraform.js';
import type { TerraformGatewayFacts } from './terraformGatewayJoin.js';
import type { BindingIndex } from './terraformModuleBindings.js';
import { moduleDir } from './terraformModuleInputs.js';

/** What one .tf file says for a module's timeout default. */
export interface TerraformTimeoutFacts {
  /** Variables an `aws_lambda_function` of this file takes its `timeout` from. */
  readonly timeoutVariables: readonly string[];
  /** Variables an OpenAPI body's integration `uri` reads (`var.x`, or `r.x` over `for k, r in var.x`), with its wait in ms. */
  readonly bodyRoutes: readonly { readonly variable: string; readonly limitMs: number }[];
}

/** A tentative finding at a variable's default: the variable and its seconds. */
export interface TimeoutDefaultRef {
  readonly variable: string;
  readonly seconds: number;
}

const INTEGRATION = /x-amazon-apigateway-integration"?\s*[=:]\s*\{/g;

/** The object text opening at `start` (a `{`), to its matching brace. */
function braced(text: string, start: number): string {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return text.slice(start);
}

/** The variables each OpenAPI integration of an API's `body` reads in its `uri`, and its wait. */
function bodyRoutesOf(api: HclBlock): { variable: string; limitMs: number }[] {
  const body = api.attrs.get('body')?.raw ?? '';
  const ceiling = api.labels[0] === 'aws_apigatewayv2_api' ? HTTP_API_MAX_MS : API_GATEWAY_MAX_MS;
  const loops = new Map(
    [...body.matchAll(/\bfor\s+(?:\w+\s*,\s*)?(\w+)\s+in\s+var\.([\w-]+)/g)].map((m) => [m[1], m[2]]),
  );
  const out: { variable: string; limitMs: number }[] = [];
  for (const m of body.matchAll(INTEGRATION)) {
    const integration = braced(body, (m.index ?? 0) + m[0].length - 1);
    const uri = /\buri"?\s*[=:]\s*([^\n,}]+)/.exec(integration)?.[1] ?? '';
    const wait = Number(/timeoutInMillis"?\s*[=:]\s*"?(\d+)/.exec(integration)?.[1] ?? ceiling);
    for (const read of uri.matchAll(/\bvar\.([\w-]+)|\b(\w+)\.[\w-]+/g)) {
      const variable = read[1] ?? loops.get(read[2] as string);
      if (variable !== undefined) out.push({ variable, limitMs: wait });
    }
  }
  return out;
}

/** The timeout variables and OpenAPI routes of one parsed .tf file. */
export function terraformTimeoutFacts(blocks: readonly HclBlock[]): TerraformTimeoutFacts {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const timeoutVariables = resources('aws_lambda_function').flatMap(
    (f) => /^var\.([\w-]+)$/.exec(f.attrs.get('timeout')?.raw.trim() ?? '')?.[1] ?? [],
  );
  const bodyRoutes = [...resources('aws_api_gateway_rest_api'), ...resources('aws_apigatewayv2_api')].flatMap(
    bodyRoutesOf,
  );
  return { timeoutVariables, bodyRoutes };
}

/** Reports each numeric variable default long enough to outlive some API Gateway integration. */
export function reportTimeoutDefaults(blocks: readonly HclBlock[], report: TfReport): void {
  for (const v of blocks) {
    if (v.type !== 'variable' || v.labels[0] === undefined) continue;
    const value = literal(v.attrs.get('default'));
    if (value === undefined || !/^\d+$/.test(value)) continue;
    const seconds = Number(value);
    if (!outlivesGateway(seconds, SHORTEST_GATEWAY_LIMIT)) continue;
    report(
      'iac-gateway-timeout-exceeds-lambda',
      v.attrs.get('default')?.line ?? v.line,
      `variable "${v.labels[0]}" defaults to a ${seconds}s function timeout, and {calls} {keep} it behind {limit}`,
      { terraformTimeoutDefault: { variable: v.labels[0], seconds } },
    );
  }
}

/** What the judge reads of a folder's files. */
export interface TimeoutFolderFacts {
  readonly timeouts: TerraformTimeoutFacts;
  readonly gateway: TerraformGatewayFacts;
}

/**
 * Judges the defaults' tentative findings: kept when a call keeps the default and hands its function to an
 * API whose route gives up first. Indexes once: the `(folder, variable)` pairs a function's timeout reads.
 */
export function timeoutDefaultJudge(
  index: BindingIndex,
  facts: (dir: string) => readonly TimeoutFolderFacts[],
  dirs: readonly string[],
): (dir: string, c: Candidate, ref: TimeoutDefaultRef) => Candidate | undefined {
  const timeoutVariables = new Set(
    dirs.flatMap((d) =>
      facts(d).flatMap((f) => f.timeouts.timeoutVariables.map((v) => `${moduleDir(d, '.')}\u0000${v}`)),
    ),
  );
  /** The shortest wait of an API a caller folder routes `module.<call>` through, in ms. */
  const routedMs = (callerDir: string, call: string): number | undefined => {
    const reads = new RegExp(`\\b${call.replace('.', '\\.')}\\.`);
    const waits: number[] = [];
    for (const route of facts(callerDir).flatMap((f) => f.gateway.routes))
      if ('module' in route && `module.${route.module}` === call) waits.push(route.limitMs);
    for (const other of index.facts(callerDir).flatMap((f) => f.calls))
      for (const [arg, raw] of other.inputs) {
        if (!reads.test(raw)) continue;
        // Only an argument the called module's integrations route: its `uri` reads the variable.
        for (const f of facts(moduleDir(callerDir, other.source))) {
          for (const route of f.gateway.routes)
            if ('variable' in route && route.variable === arg) waits.push(route.limitMs);
          for (const route of f.timeouts.bodyRoutes) if (route.variable === arg) waits.push(route.limitMs);
        }
      }
    return waits.length > 0 ? Math.min(...waits) : undefined;
  };
  return (dir, c, ref) => {
    if (!timeoutVariables.has(`${moduleDir(dir, '.')}\u0000${ref.variable}`)) return undefined;
    const kept: { call: string; ms: number }[] = [];
    for (const { dir: from, call } of index.callers(dir)) {
      if (call.inputs.some(([name]) => name === ref.variable)) continue;
      const ms = routedMs(from, `module.${call.name}`);
      if (ms !== undefined && outlivesGateway(ref.seconds, ms / 1000))
        kept.push({ call: `module.${call.name}`, ms });
    }
    if (kept.length === 0) return undefined;
    const ms = Math.min(...kept.map((k) => k.ms));
    return {
      ...c,
      message: c.message
        .replace('{calls}', listCalls(kept.map((k) => k.call).sort()))
        .replace('{keep}', kept.length === 1 ? 'keeps' : 'keep')
        .replace('{limit}', `an API whose integration waits ${ms} ms`),
    };
  };
}
