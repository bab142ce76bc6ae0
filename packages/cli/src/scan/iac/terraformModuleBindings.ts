// What a local Terraform module's variables are at its callers. A module (`module "x" { source =
// "./modules/lambda" ... }`) builds its resources from `var.*`: inside it an event source mapping reads
// `each.value` of `var.trigger_queues`, and only the call shows that the value is a queue, that
// `function_response_types` was handed in, or that `batch_size` kept the module's default. Each .tf file
// records its variables' defaults, its locals and its calls of local modules; the project pass binds a
// module folder's variables once per instance: each call, times each binding of the caller's own
// variables (through its callers, up to MAX_DEPTH levels), times each entry of the call's `for_each` map.
// A value is never merged across instances: a `for_each` whose entries its text does not spell out, or a
// variable no caller binds, stays as written, unknown. Registry and git sources are not read.
import type { HclBlock } from './hcl.js';
import { eachIn, entriesOf, type MapEntry } from './terraformEntries.js';
import { type LocalModuleCall, localModuleCalls, moduleDir } from './terraformModuleInputs.js';

/** What one .tf file says for the binding. */
export interface TerraformBindingFacts {
  /** Variables declared here, with their default's raw text when they have one. */
  readonly defaults: readonly (readonly [string, string | undefined])[];
  /** This file's `locals`, by name, as raw text. */
  readonly locals: readonly (readonly [string, string])[];
  /** This file's calls of local modules (terraformModuleInputs.ts). */
  readonly calls: readonly LocalModuleCall[];
}

/** The variables' defaults, locals and local module calls of one parsed .tf file. */
export function terraformBindingFacts(blocks: readonly HclBlock[]): TerraformBindingFacts {
  const defaults: (readonly [string, string | undefined])[] = [];
  const locals: (readonly [string, string])[] = [];
  for (const b of blocks) {
    const label = b.labels[0];
    if (b.type === 'variable' && label !== undefined) defaults.push([label, b.attrs.get('default')?.raw]);
    if (b.type === 'locals') for (const [name, attr] of b.attrs) locals.push([name, attr.raw]);
  }
  return { defaults, locals, calls: localModuleCalls(blocks) };
}

/** One instance of a module folder, with its variables bound in the caller's context. */
export interface ModuleBinding {
  /** The call as the caller writes it: `module.lambda_orders`, `module.consumer["b"]` for a for_each entry. */
  readonly call: string;
  /** A raw expression with this instance's variables (and, through it, the caller's names) expanded. */
  readonly expand: (raw: string) => string;
}

/** The project's .tf facts by folder, and the module instances each folder gets. */
export interface BindingIndex {
  /** The facts of the files in `dir`. */
  readonly facts: (dir: string) => readonly TerraformBindingFacts[];
  /** The local module calls that reach `dir`, with the caller's folder. */
  readonly callers: (dir: string) => readonly { readonly dir: string; readonly call: LocalModuleCall }[];
  /** Each instance of the module in `dir`: one per call, upstream binding and `for_each` entry. */
  readonly bindingsOf: (dir: string) => readonly ModuleBinding[];
  /** `raw` with `dir`'s own locals expanded (a leftover `local.x` is one the folder does not declare). */
  readonly withLocals: (dir: string, raw: string) => string;
  /** `raw` with `dir`'s variables at their defaults, for a module no call reaches. */
  readonly withDefaults: (dir: string, raw: string) => string;
}

/** How many module levels a value is followed up (a root calling a stack calling a function module). */
export const MAX_DEPTH = 4;
/** How many instances of one folder are judged; past it, the rest stay unjudged. */
const MAX_INSTANCES = 64;

const REF = /\b(var|local)\.([\w-]+)|\beach\.(?:key|value)\b(?:\.[\w-]+|\["[\w-]+"\])?/g;
const VAR = /\bvar\.([\w-]+)/g;

/**
 * Indexes the project's files once; bindings are memoized by folder and depth.
 * @example
 * bindingIndex(files).bindingsOf('infra/modules/lambda')[0]?.expand('var.trigger_queues')
 * // '{ orders = aws_sqs_queue.orders.arn }'
 */
export function bindingIndex(
  files: readonly { readonly dir: string; readonly facts: TerraformBindingFacts }[],
): BindingIndex {
  const byDir = new Map<string, TerraformBindingFacts[]>();
  const callersOf = new Map<string, { dir: string; call: LocalModuleCall }[]>();
  for (const f of files) {
    const dir = moduleDir(f.dir, '.');
    byDir.set(dir, [...(byDir.get(dir) ?? []), f.facts]);
    for (const call of f.facts.calls) {
      const target = moduleDir(f.dir, call.source);
      callersOf.set(target, [...(callersOf.get(target) ?? []), { dir, call }]);
    }
  }
  const facts = (dir: string) => byDir.get(moduleDir(dir, '.')) ?? [];
  const callers = (dir: string) => callersOf.get(moduleDir(dir, '.')) ?? [];
  const mapsOf = new Map<
    string,
    { defaults: Map<string, string | undefined>; locals: Map<string, string> }
  >();
  const maps = (dir: string) => {
    let m = mapsOf.get(dir);
    if (m === undefined) {
      const here = facts(dir);
      m = {
        defaults: new Map(here.flatMap((f) => f.defaults)),
        locals: new Map(here.flatMap((f) => f.locals)),
      };
      mapsOf.set(dir, m);
    }
    return m;
  };
  const withLocals = (dir: string, raw: string, hops = 0): string =>
    hops > MAX_DEPTH
      ? raw
      : raw.replace(/\blocal\.([\w-]+)/g, (whole, name: string) => {
          const v = maps(dir).locals.get(name);
          return v === undefined ? whole : withLocals(dir, v, hops + 1);
        });
  const withDefaults = (dir: string, raw: string) =>
    raw.replace(VAR, (whole, name: string) => maps(dir).defaults.get(name) ?? whole);

  const memo = new Map<string, ModuleBinding[]>();
  const bind = (dir: string, depth: number): ModuleBinding[] => {
    const key = `${depth}\u0000${dir}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const out: ModuleBinding[] = [];
    memo.set(key, out);
    const { defaults } = maps(dir);
    for (const { dir: from, call } of callers(dir)) {
      const args = new Map(call.inputs);
      const caller = maps(from);
      // The caller's own variables, once per binding of the caller (its defaults at the top). A caller
      // that is itself called past MAX_DEPTH keeps its variables unbound.
      const called = callers(from).length > 0;
      const up: ((name: string) => string)[] =
        called && depth + 1 < MAX_DEPTH
          ? bind(from, depth + 1).map((b) => (name) => b.expand(`var.${name}`))
          : [(name) => (called ? undefined : caller.defaults.get(name)) ?? `var.${name}`];
      for (const upVar of up) {
        const inCaller = (raw: string, entry: MapEntry | undefined, hops = 0): string =>
          hops > MAX_DEPTH
            ? raw
            : raw.replace(REF, (whole, kind?: string, name?: string) => {
                if (kind === 'var') return upVar(name as string);
                if (kind === 'local') {
                  const v = caller.locals.get(name as string);
                  return v === undefined ? whole : inCaller(v, entry, hops + 1);
                }
                return eachIn(whole, entry);
              });
        const forEach = args.get('for_each');
        const entries: (MapEntry | undefined)[] =
          forEach === undefined ? [undefined] : (entriesOf(inCaller(forEach, undefined)) ?? [undefined]);
        for (const entry of entries) {
          if (out.length >= MAX_INSTANCES) return out;
          const variable = (name: string): string => {
            const arg = args.get(name);
            return arg !== undefined ? inCaller(arg, entry) : (defaults.get(name) ?? `var.${name}`);
          };
          out.push({
            call: `module.${call.name}${entry !== undefined ? `["${entry.key}"]` : ''}`,
            expand: (raw) => raw.replace(VAR, (_, name: string) => variable(name)),
          });
        }
      }
    }
    return out;
  };
  return {
    facts,
    callers,
    bindingsOf: (dir) => bind(moduleDir(dir, '.'), 0),
    withLocals: (dir, raw) => withLocals(moduleDir(dir, '.'), raw),
    withDefaults: (dir, raw) => withDefaults(moduleDir(dir, '.'), raw),
  };
}
