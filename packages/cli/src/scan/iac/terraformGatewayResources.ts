// iac-gateway-timeout-exceeds-lambda inside one Terraform module written across several files. Terraform
// reads every .tf file of a folder as one module, so an `aws_lambda_function` in lambda.tf is routed by an
// `aws_api_gateway_integration` (REST, 29 s) or `aws_apigatewayv2_integration` (HTTP API, 30 s) in api.tf,
// and its `timeout = var.x` takes the default a `variable "x"` block declares in variables.tf. Each file
// records the functions its integrations read and its variables' numeric defaults; a function no route of
// its own file settles becomes a tentative finding the project pass keeps when a route of its folder does.
import type { Candidate } from '../js/Candidate.js';
import { API_GATEWAY_MAX_MS, FUNCTION_READ, HTTP_API_MAX_MS } from './apiLimits.js';
import { outlivesGateway } from './gatewayLimit.js';
import { type HclBlock, literal } from './hcl.js';
import type { TfReport } from './terraform.js';
import { gatewayModuleRoutes } from './terraformGatewayModules.js';
import { methodModuleRoutes } from './terraformMethodModules.js';
import type { LocalModuleCall } from './terraformModuleInputs.js';
import { calledModule, type FolderValue, largestValue } from './terraformVarValues.js';

/** What one .tf file says about its folder's own functions and routes. */
export interface TerraformGatewayResourceFacts {
  /** Functions (`aws_lambda_function.f`) an integration of this file reads, with its wait in ms. */
  readonly routes: readonly {
    readonly fn: string;
    readonly limitMs: number;
    readonly name: string;
    /** The integration has `count` or `for_each`: only some runs of the module create it. */
    readonly conditional?: boolean;
  }[];
  /**
   * Variables declared here with a numeric default (`variable "x" { default = 60 }`), and numeric `locals`
   * under `local.<name>` (`locals { lambda_timeout = 60 }`): a folder's files share both.
   */
  readonly variables: readonly FolderValue[];
}

/** A module call's function: `module "search" { timeout = var.x }` routed as `module.search.<attr>`. */
const MODULE_FUNCTION_READ = /\bmodule\.([\w-]+)(?:\[[^\]]*\])?\./g;

/** The function a tentative finding names: its own timeout, or the variable it reads. */
export interface GatewayResourceRef {
  readonly fn: string;
  readonly seconds?: number;
  readonly variable?: string;
}

/** An integration's wait: its own `timeout_milliseconds`, else the API type's ceiling. */
export function integrationLimitMs(b: HclBlock): number {
  const fallback = b.labels[0] === 'aws_apigatewayv2_integration' ? HTTP_API_MAX_MS : API_GATEWAY_MAX_MS;
  const ms = Number(literal(b.attrs.get('timeout_milliseconds')) ?? fallback);
  return Number.isNaN(ms) ? fallback : ms;
}

/** The facts of one parsed .tf file. */
export function terraformGatewayResourceFacts(blocks: readonly HclBlock[]): TerraformGatewayResourceFacts {
  const routes: { fn: string; limitMs: number; name: string; conditional?: boolean }[] = [];
  const integrations = blocks.filter(
    (b) =>
      b.type === 'resource' &&
      (b.labels[0] === 'aws_apigatewayv2_integration' || b.labels[0] === 'aws_api_gateway_integration'),
  );
  const read = (text: string, limitMs: number, name: string, conditional = false) => {
    for (const m of text.matchAll(FUNCTION_READ))
      routes.push({ fn: `aws_lambda_function.${m[1]}`, limitMs, name, ...(conditional && { conditional }) });
    for (const m of text.matchAll(MODULE_FUNCTION_READ)) routes.push({ fn: `module.${m[1]}`, limitMs, name });
  };
  for (const b of integrations)
    read(
      b.attrs.get('integration_uri')?.raw ?? b.attrs.get('uri')?.raw ?? '',
      integrationLimitMs(b),
      b.labels.join('.'),
      b.attrs.has('count') || b.attrs.has('for_each'),
    );
  for (const r of gatewayModuleRoutes(blocks)) read(r.text, r.limitMs, r.name);
  routes.push(...methodModuleRoutes(blocks));
  const variables: { name: string; value: number }[] = [];
  for (const b of blocks) {
    const value = literal(b.attrs.get('default'));
    if (b.type === 'variable' && b.labels[0] !== undefined && value !== undefined && /^\d+$/.test(value))
      variables.push({ name: b.labels[0], value: Number(value) });
    if (b.type === 'locals')
      for (const [name, attr] of b.attrs)
        if (/^\d+$/.test(literal(attr) ?? ''))
          variables.push({ name: `local.${name}`, value: Number(literal(attr)) });
  }
  return { routes, variables };
}

/**
 * The tentative reference for a function no route of its own file reported: its literal timeout, or the
 * variable (`x` of `var.x`) or local (`local.x`) it reads when this file does not declare it (undefined
 * when neither is known). `fn` names a module call's function `module.<name>`.
 */
export function gatewayResourceRef(
  f: HclBlock,
  seconds: number,
  fn = `${f.labels[0]}.${f.labels[1]}`,
): GatewayResourceRef | undefined {
  if (!Number.isNaN(seconds)) return { fn, seconds };
  const m = /^(var|local)\.([\w-]+)$/.exec(literal(f.attrs.get('timeout')) ?? '');
  if (m === null) return undefined;
  return { fn, variable: m[1] === 'var' ? (m[2] as string) : `local.${m[2]}` };
}

/**
 * Tentative findings for this file's function module calls whose `timeout` reads a variable or local this
 * file does not declare (`timeout = var.search_timeout`, declared in variables.tf): the folder settles
 * both the value and the route (a route here reads `module.<name>.*` too).
 */
export function reportFolderModules(
  calls: readonly HclBlock[],
  timeouts: ReadonlyMap<string, unknown>,
  report: TfReport,
): void {
  for (const m of calls) {
    const fn = `module.${m.labels[0]}`;
    if (!timeouts.has(fn)) reportTentative(m, gatewayResourceRef(m, Number.NaN, fn), report);
  }
}

/** Tentative findings for this file's functions that no route of the file reported (`reported`). */
export function reportFolderRoutes(
  functions: readonly HclBlock[],
  timeouts: ReadonlyMap<string, { readonly seconds: number }>,
  reported: ReadonlySet<string>,
  report: TfReport,
): void {
  for (const f of functions) {
    const fn = `${f.labels[0]}.${f.labels[1]}`;
    if (!reported.has(fn)) reportTentative(f, gatewayResourceRef(f, timeouts.get(fn)?.seconds ?? 3), report);
  }
}

/** One tentative finding at the block's `timeout` (or the block): gatewayResourceFinding settles it. */
function reportTentative(block: HclBlock, ref: GatewayResourceRef | undefined, report: TfReport): void {
  if (ref === undefined) return;
  report(
    'iac-gateway-timeout-exceeds-lambda',
    block.attrs.get('timeout')?.line ?? block.line,
    '{resolved later}',
    {
      terraformGatewayResource: ref,
    },
  );
}

/** Keeps a tentative finding when a route in the function's folder waits no longer than its timeout. */
export function gatewayResourceFinding(
  files: readonly {
    readonly dir: string;
    /** The file's path from the scan root, named in the message when the route is there. */
    readonly rel?: string;
    readonly facts: {
      readonly gatewayResources: TerraformGatewayResourceFacts;
      readonly iam: { readonly localModules: readonly LocalModuleCall[] };
    };
  }[],
  dir: string,
  c: Candidate,
  ref: GatewayResourceRef,
): Candidate | undefined {
  const here = files.filter((f) => f.dir === dir);
  // The largest value it can run with: default, callers' arguments, .tfvars (terraformVarValues.ts).
  const folders = () =>
    files.map((f) => ({
      dir: f.dir,
      variables: f.facts.gatewayResources.variables,
      calls: f.facts.iam.localModules,
    }));
  const seconds = ref.seconds ?? largestValue(folders(), dir, ref.variable ?? '');
  if (seconds === undefined) return undefined;
  const calledVariable =
    ref.variable !== undefined && !ref.variable.startsWith('local.') && calledModule(folders(), dir);
  const route = here
    .flatMap((f) => f.facts.gatewayResources.routes.map((r) => ({ ...r, rel: f.rel })))
    // A conditional integration exists only for the calls that enable it; which values those pass is not read.
    .filter((r) => !(r.conditional && calledVariable))
    .find((r) => r.fn === ref.fn && outlivesGateway(seconds, r.limitMs / 1000));
  if (route === undefined) return undefined;
  return {
    ...c,
    message: `${ref.fn} timeout ${seconds}s${ref.variable === undefined ? '' : ` (${ref.variable.startsWith('local.') ? '' : 'var.'}${ref.variable})`} is at least the ${route.limitMs} ms integration timeout of ${route.name}${route.rel === undefined ? ' in its module' : ` in ${route.rel}`}: clients get 504 while it keeps running`,
  };
}
