// What a local Terraform module's variables are at its callers. A module (`module "x" { source =
// "./modules/lambda" ... }`) builds its resources from `var.*`: inside it an event source mapping reads
// `each.value` of `var.trigger_queues`, and only the call shows that the value is a queue, that
// `function_response_types` was handed in, or that `batch_size` kept the module's default. Each .tf file
// records its variables' defaults, its locals and its calls of local modules; the project pass binds a
// module folder's variables per call: the argument (else the default), with the caller's `local.*`,
// `each.*` (its `for_each` map of consumers) and `var.*` (through the caller's own callers) expanded.
// Registry and git sources are not read: their variables stay unbound.
import { posix } from 'node:path';
import type { HclBlock } from './hcl.js';

/** One call of a local module: its label, its folder as written and its arguments' raw text. */
interface ModuleCall {
  readonly name: string;
  readonly source: string;
  readonly args: readonly (readonly [string, string])[];
}

/** What one .tf file says for the binding. */
export interface TerraformBindingFacts {
  /** Variables declared here, with their default's raw text when they have one. */
  readonly defaults: readonly (readonly [string, string | undefined])[];
  readonly locals: readonly (readonly [string, string])[];
  readonly calls: readonly ModuleCall[];
}

const LOCAL_SOURCE = /^"(\.\.?\/[^"]*)"$/;

export function terraformBindingFacts(blocks: readonly HclBlock[]): TerraformBindingFacts {
  const defaults: (readonly [string, string | undefined])[] = [];
  const locals: (readonly [string, string])[] = [];
  const calls: ModuleCall[] = [];
  for (const b of blocks) {
    const label = b.labels[0];
    if (b.type === 'variable' && label !== undefined) defaults.push([label, b.attrs.get('default')?.raw]);
    if (b.type === 'locals') for (const [name, attr] of b.attrs) locals.push([name, attr.raw]);
    const source = LOCAL_SOURCE.exec(b.attrs.get('source')?.raw.trim() ?? '')?.[1];
    if (b.type === 'module' && label !== undefined && source !== undefined)
      calls.push({ name: label, source, args: [...b.attrs].map(([n, a]) => [n, a.raw] as const) });
  }
  return { defaults, locals, calls };
}

/** One call of a module folder, with its variables bound in the caller's context. */
export interface ModuleBinding {
  /** The call as the caller writes it: `module.lambda_orders`. */
  readonly call: string;
  /** A raw expression with this call's variables (and, through it, the caller's names) expanded. */
  readonly expand: (raw: string) => string;
}

/** How many module levels a value is followed up (a root calling a stack calling a function module). */
const MAX_DEPTH = 4;

const REF = /\b(var|local)\.([\w-]+)|\beach\.(?:value|key)\b/g;

/**
 * The calls of the module in `dir` the project holds, each binding that folder's variables.
 * @example
 * bindingsOf(files, 'infra/modules/lambda')[0]?.expand('var.trigger_queues')
 * // '{ orders = aws_sqs_queue.orders.arn }'
 */
export function bindingsOf(
  files: readonly { readonly dir: string; readonly facts: TerraformBindingFacts }[],
  dir: string,
  depth = 0,
): ModuleBinding[] {
  const folder = (d: string) => files.filter((f) => f.dir === d).map((f) => f.facts);
  const defaults = new Map(folder(dir).flatMap((f) => f.defaults));
  if (depth >= MAX_DEPTH) return [];
  const out: ModuleBinding[] = [];
  for (const f of files)
    for (const call of f.facts.calls) {
      if (posix.normalize(posix.join(f.dir, call.source)) !== posix.normalize(dir)) continue;
      const args = new Map(call.args);
      const callerLocals = new Map(folder(f.dir).flatMap((x) => x.locals));
      const callerDefaults = new Map(folder(f.dir).flatMap((x) => x.defaults));
      // The caller's own variables, as every one of its callers binds them (its default at the root).
      const callerVar = (name: string): string => {
        const up = bindingsOf(files, f.dir, depth + 1);
        return up.length > 0
          ? up.map((b) => b.expand(`var.${name}`)).join(' ')
          : (callerDefaults.get(name) ?? `var.${name}`);
      };
      const inCaller = (raw: string, hops = 0): string =>
        hops > MAX_DEPTH
          ? raw
          : raw.replace(REF, (whole, kind?: string, name?: string) => {
              if (kind === 'var') return callerVar(name as string);
              if (kind === 'local') {
                const v = callerLocals.get(name as string);
                return v === undefined ? whole : inCaller(v, hops + 1);
              }
              const each = args.get('for_each');
              return each === undefined ? whole : inCaller(each, hops + 1);
            });
      const variable = (name: string): string => {
        const arg = args.get(name);
        return arg !== undefined ? inCaller(arg) : (defaults.get(name) ?? `var.${name}`);
      };
      out.push({
        call: `module.${call.name}`,
        expand: (raw) => raw.replace(/\bvar\.([\w-]+)/g, (_, name: string) => variable(name)),
      });
    }
  return out;
}

/** A module folder's raw expression with its variables at their defaults, when nothing calls it. */
export function withDefaults(
  files: readonly { readonly dir: string; readonly facts: TerraformBindingFacts }[],
  dir: string,
  raw: string,
): string {
  const defaults = new Map(files.filter((f) => f.dir === dir).flatMap((f) => f.facts.defaults));
  return raw.replace(/\bvar\.([\w-]+)/g, (whole, name: string) => defaults.get(name) ?? whole);
}
