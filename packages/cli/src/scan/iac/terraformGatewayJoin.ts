// iac-gateway-timeout-exceeds-lambda across Terraform modules: a function built in one module (a call of a
// function module with its `timeout`: the registry's lambda module, or the project's own wrapper of
// `aws_lambda_function`) is routed by an API integration in another, reached through the outputs that hand
// it on and, on the API's side, a variable of the same name (`output "x_invoke_arn" { value =
// module.fn.invoke_arn }`, re-exported by a parent as `module.child.x_invoke_arn`, read as `uri =
// var.x_invoke_arn`). Each .tf file records its outputs and what its integrations read; the project pass
// keeps a function's finding only when a route reaches it and waits less than its timeout.

import type { Candidate } from '../js/Candidate.js';
import { outlivesGateway } from './gatewayLimit.js';
import { type HclBlock, literal } from './hcl.js';
import { integrationLimitMs } from './terraformGatewayResources.js';
import { isLambdaModule } from './terraformLambdaModules.js';
import { moduleDir } from './terraformModuleInputs.js';

/** How many outputs may hand a function on before a route reads it (module, parent, grandparent...). */
const MAX_HOPS = 6;

/** A module attribute read: `module.<module>.<attr>`. */
interface ModuleRead {
  readonly module: string;
  readonly attr: string;
}

/** What one .tf file says about functions and API routes across modules. */
export interface TerraformGatewayFacts {
  /** What an integration's URI reads: a variable (`var.x`) or a module's attribute, with its wait in ms. */
  readonly routes: readonly ({ readonly limitMs: number } & ({ readonly variable: string } | ModuleRead))[];
  /** Outputs whose value is a module's attribute: `output name { value = module.m.attr }`. */
  readonly outputs: readonly ({ readonly name: string } & ModuleRead)[];
  /** Local module calls (`source = "../x"`) and the arguments they pass from other modules' attributes. */
  readonly calls: readonly {
    readonly module: string;
    readonly source: string;
    readonly args: readonly ({ readonly name: string } & ModuleRead)[];
  }[];
}

/** A call of a function module: the registry's lambda module, or the project's own (a `timeout` and a `handler` or `runtime`). */
export function isFunctionModule(b: HclBlock): boolean {
  return (
    isLambdaModule(b) ||
    (b.type === 'module' && b.attrs.has('timeout') && (b.attrs.has('handler') || b.attrs.has('runtime')))
  );
}

const MODULE_READ = /^\s*module\.([\w-]+)\.([\w-]+)\s*$/;

/** The facts of one parsed .tf file. */
export function terraformGatewayFacts(blocks: readonly HclBlock[]): TerraformGatewayFacts {
  const routes: TerraformGatewayFacts['routes'][number][] = [];
  for (const b of blocks) {
    const type = b.type === 'resource' ? b.labels[0] : undefined;
    if (type !== 'aws_apigatewayv2_integration' && type !== 'aws_api_gateway_integration') continue;
    const uri = b.attrs.get('integration_uri')?.raw ?? b.attrs.get('uri')?.raw ?? '';
    const limitMs = integrationLimitMs(b);
    for (const m of uri.matchAll(/\bvar\.([\w-]+)|\bmodule\.([\w-]+)\.([\w-]+)/g))
      routes.push(
        m[1] !== undefined
          ? { variable: m[1], limitMs }
          : { module: m[2] as string, attr: m[3] as string, limitMs },
      );
  }
  const outputs: ({ name: string } & ModuleRead)[] = [];
  const calls: TerraformGatewayFacts['calls'][number][] = [];
  for (const b of blocks) {
    const name = b.labels[0];
    if (name === undefined) continue;
    if (b.type === 'output') {
      const m = MODULE_READ.exec(b.attrs.get('value')?.raw ?? '');
      if (m !== null) outputs.push({ name, module: m[1] as string, attr: m[2] as string });
    }
    const source = literal(b.attrs.get('source'));
    if (b.type !== 'module' || source === undefined || !source.startsWith('.')) continue;
    const args: ({ name: string } & ModuleRead)[] = [];
    for (const [arg, attr] of b.attrs) {
      const m = MODULE_READ.exec(attr.raw);
      if (m !== null) args.push({ name: arg, module: m[1] as string, attr: m[2] as string });
    }
    calls.push({ module: name, source, args });
  }
  return { routes, outputs, calls };
}

/** The function a tentative finding names, and the timeout it runs with. */
export interface GatewayFunctionRef {
  /** The module call's name in its file (`avl_subscriber` for `module "avl_subscriber"`). */
  readonly module: string;
  readonly seconds: number;
}

/**
 * Judges a function module's tentative finding against the whole project: kept, with the route's wait,
 * when an integration reads the function through module outputs and calls: in a module that reads
 * `module.m.x` where `x` hands the function on, or through a variable a caller sets from such a read.
 */
export function gatewayFunctionFinding(
  files: readonly { readonly dir: string; readonly facts: { readonly gateway: TerraformGatewayFacts } }[],
  dir: string,
  c: Candidate,
  fn: GatewayFunctionRef,
): Candidate | undefined {
  const inDir = (d: string) => files.filter((f) => f.dir === d).map((f) => f.facts.gateway);
  const callsOf = (d: string) =>
    files
      .flatMap((f) => f.facts.gateway.calls.map((call) => ({ call, dir: f.dir })))
      .filter(({ call, dir: from }) => moduleDir(from, call.source) === moduleDir(d, '.'));
  const kept = (limitMs: number, via: string) =>
    outlivesGateway(fn.seconds, limitMs / 1000)
      ? { ...c, message: c.message.replace('{limit}', `${limitMs} ms (${via})`) }
      : undefined;
  // Reads that hand the function on: in `dir`, `module.<module>.<attr>` for an attr in `attrs` (any when undefined).
  let reads: { dir: string; module: string; attrs?: readonly string[] }[] = [{ dir, module: fn.module }];
  const seen = new Set<string>();
  for (let hop = 0; hop < MAX_HOPS && reads.length > 0; hop++) {
    const next: typeof reads = [];
    for (const r of reads) {
      const key = `${r.dir}|${r.module}|${r.attrs?.join(',') ?? '*'}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const hands = (read: ModuleRead) =>
        read.module === r.module && (r.attrs === undefined || r.attrs.includes(read.attr));
      for (const facts of inDir(r.dir)) {
        for (const route of facts.routes)
          if ('module' in route && hands(route)) {
            const hit = kept(route.limitMs, `module.${route.module}.${route.attr}`);
            if (hit !== undefined) return hit;
          }
        // A caller's argument set from the function: the called module's routes read it as a variable.
        for (const call of facts.calls)
          for (const arg of call.args.filter(hands)) {
            const child = moduleDir(r.dir, call.source);
            for (const route of inDir(child).flatMap((g) => g.routes))
              if ('variable' in route && route.variable === arg.name) {
                const hit = kept(route.limitMs, `var.${arg.name}`);
                if (hit !== undefined) return hit;
              }
          }
        // An output handing it on: its callers read `module.<call>.<output>`.
        const names = facts.outputs.filter(hands).map((o) => o.name);
        if (names.length > 0)
          for (const { call, dir: from } of callsOf(r.dir))
            next.push({ dir: from, module: call.module, attrs: names });
      }
    }
    reads = next;
  }
  return undefined;
}
