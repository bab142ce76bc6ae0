// iac-gateway-timeout-exceeds-lambda for a local function module's default timeout. A project's own
// function module (`aws_lambda_function` with `timeout = var.timeout`, `variable "timeout" { default = 30
// }`) is called once per function; the calls that pass no `timeout` run with the default, and the caller
// hands their function to an API: an integration of its own folder reads `module.<call>.*`, or an argument
// of a local API module's call does (`integrations = { send = { lambda_invoke_arn =
// module.send.lambda_invoke_arn } }`) and that module builds a REST API (29 s) or an HTTP API (30 s). The
// default is reported at its `default` line when some call keeps it and is routed so. An API whose folder
// sets its own integration timeout, and an authorizer argument, are not judged.
import { posix } from 'node:path';
import type { Candidate } from '../js/Candidate.js';
import { API_GATEWAY_MAX_MS, HTTP_API_MAX_MS } from './apiLimits.js';
import { outlivesGateway, SHORTEST_GATEWAY_LIMIT } from './gatewayLimit.js';
import { type HclBlock, literal } from './hcl.js';
import type { TfReport } from './terraform.js';
import type { TerraformGatewayFacts } from './terraformGatewayJoin.js';
import type { TerraformBindingFacts } from './terraformModuleBindings.js';

/** What one .tf file says for a module's timeout default. */
export interface TerraformTimeoutFacts {
  /** Variables an `aws_lambda_function` of this file takes its `timeout` from. */
  readonly timeoutVariables: readonly string[];
  /** The API this file builds: a REST API waits 29 s, an HTTP API 30 s; `set` when it sets its own wait. */
  readonly api?: 'rest' | 'http' | 'set';
}

/** A tentative finding at a variable's default: the variable and its seconds. */
export interface TimeoutDefaultRef {
  readonly variable: string;
  readonly seconds: number;
}

const OWN_WAIT = /timeout_milliseconds|timeoutInMillis/;

export function terraformTimeoutFacts(blocks: readonly HclBlock[]): TerraformTimeoutFacts {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const timeoutVariables = resources('aws_lambda_function').flatMap(
    (f) => /^var\.([\w-]+)$/.exec(f.attrs.get('timeout')?.raw.trim() ?? '')?.[1] ?? [],
  );
  const rest = [...resources('aws_api_gateway_rest_api'), ...resources('aws_api_gateway_integration')];
  const http = resources('aws_apigatewayv2_integration');
  const api = [...rest, ...http].some((b) => OWN_WAIT.test(b.text))
    ? 'set'
    : rest.length > 0
      ? 'rest'
      : http.length > 0
        ? 'http'
        : undefined;
  return { timeoutVariables, ...(api !== undefined ? { api } : {}) };
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
      `variable "${v.labels[0]}" defaults to a ${seconds}s function timeout, and {calls} keep it behind {limit}`,
      { terraformTimeoutDefault: { variable: v.labels[0], seconds } },
    );
  }
}

interface Folder {
  readonly dir: string;
  readonly facts: {
    readonly bindings: TerraformBindingFacts;
    readonly timeouts: TerraformTimeoutFacts;
    readonly gateway: TerraformGatewayFacts;
  };
}

/** Keeps a default's finding when a call keeps it and hands its function to an API that gives up first. */
export function timeoutDefaultFinding(
  files: readonly Folder[],
  dir: string,
  c: Candidate,
  ref: TimeoutDefaultRef,
): Candidate | undefined {
  const inDir = (d: string) => files.filter((f) => f.dir === d).map((f) => f.facts);
  if (!inDir(dir).some((f) => f.timeouts.timeoutVariables.includes(ref.variable))) return undefined;
  /** The wait of the API a caller folder routes `module.<call>` through, in ms. */
  const routedMs = (callerDir: string, call: string): number | undefined => {
    const reads = new RegExp(`\\b${call.replace('.', '\\.')}\\.`);
    const here = inDir(callerDir);
    for (const route of here.flatMap((f) => f.gateway.routes))
      if ('module' in route && `module.${route.module}` === call) return route.limitMs;
    for (const other of here.flatMap((f) => f.bindings.calls))
      for (const [arg, raw] of other.args) {
        if (/authori[sz]er/i.test(arg) || !reads.test(raw)) continue;
        const api = inDir(posix.normalize(posix.join(callerDir, other.source))).map((f) => f.timeouts.api);
        if (api.includes('set')) continue;
        if (api.includes('rest')) return API_GATEWAY_MAX_MS;
        if (api.includes('http')) return HTTP_API_MAX_MS;
      }
    return undefined;
  };
  const kept: { call: string; ms: number }[] = [];
  for (const f of files)
    for (const call of f.facts.bindings.calls) {
      if (posix.normalize(posix.join(f.dir, call.source)) !== posix.normalize(dir)) continue;
      if (call.args.some(([name]) => name === ref.variable)) continue;
      const ms = routedMs(f.dir, `module.${call.name}`);
      if (ms !== undefined && outlivesGateway(ref.seconds, ms / 1000))
        kept.push({ call: `module.${call.name}`, ms });
    }
  if (kept.length === 0) return undefined;
  const calls = kept.map((k) => k.call);
  const shown =
    calls.length > 3 ? `${calls.slice(0, 3).join(', ')} and ${calls.length - 3} more` : calls.join(', ');
  const ms = Math.min(...kept.map((k) => k.ms));
  return {
    ...c,
    message: c.message
      .replace('{calls}', shown)
      .replace('{limit}', `an API whose integration waits ${ms} ms`),
  };
}
