// The values a Terraform function's `timeout = var.x` can run with (iac-gateway-timeout-exceeds-lambda,
// terraformGatewayResources.ts). The function is judged at the LARGEST of them, since any of them may be the
// one deployed: the variable's default when some call of its module passes no `x` (or, in a root module
// nothing calls, when no auto-loaded `.tfvars` and not every `.tfvars` sets it), every value a module call
// passes (a caller's own `var.y` resolved the same way in the caller's folder, a `local.y` through its
// locals), and every `.tfvars` value of a root folder (`.tfvars` beside a called module are not read by
// Terraform). One value that is no number (an expression) judges nothing.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import { parseHclBody } from './hcl.js';
import { readSmall } from './localTemplates.js';
import type { LocalModuleCall } from './terraformModuleInputs.js';
import { moduleDir } from './terraformModuleInputs.js';

/** What a root folder's `.tfvars` files set for one variable. */
export interface VarFileValues {
  /** One value per file that sets it, NaN when it is no number. */
  readonly values: readonly number[];
  /** Every run sets it: an auto-loaded file (terraform.tfvars, *.auto.tfvars) or every file does. */
  readonly always: boolean;
}

/** A number spelled plainly (`60`, `"60"`), else NaN. */
export function numeric(raw: string): number {
  const text = raw.trim().replace(/^"(.*)"$/, '$1');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** The top-level assignments of the `.tfvars` files beside `file` (one directory listing, no walk). */
export function folderVarFiles(file: string, root?: string): ReadonlyMap<string, VarFileValues> {
  const dir = dirname(file);
  let names: string[] = [];
  try {
    // A .tfvars linked from outside the scan root is absent (insideRoot.ts).
    names = readdirSync(dir).filter((n) => n.endsWith('.tfvars') && insideRoot(root, join(dir, n)));
  } catch {
    // An unreadable folder sets nothing.
  }
  const sets = names.sort().map((name) => ({
    auto: name === 'terraform.tfvars' || name.endsWith('.auto.tfvars'),
    attrs: parseHclBody(readSmall(join(dir, name)) ?? '').attrs,
  }));
  const out = new Map<string, VarFileValues>();
  for (const name of new Set(sets.flatMap((s) => [...s.attrs.keys()]))) {
    const setting = sets.filter((s) => s.attrs.has(name));
    out.set(name, {
      values: setting.map((s) => numeric(s.attrs.get(name)?.raw ?? '')),
      always: setting.length === sets.length || setting.some((s) => s.auto),
    });
  }
  return out;
}

/** A variable or local with a numeric default, and what the folder's `.tfvars` set for it. */
export interface FolderValue {
  readonly name: string;
  readonly value: number;
  readonly tfvars?: VarFileValues;
}

/** The variables with what the folder's `.tfvars` files set for them attached. */
export function withVarFiles<T extends FolderValue>(
  variables: readonly T[],
  set: ReadonlyMap<string, VarFileValues>,
): T[] {
  return variables.map((v) => {
    const tfvars = v.name.startsWith('local.') ? undefined : set.get(v.name);
    return tfvars === undefined ? v : { ...v, tfvars };
  });
}

/** One .tf file's folder, its numeric variables and locals, and the local module calls it makes. */
export interface VarFolder {
  readonly dir: string;
  readonly variables: readonly FolderValue[];
  readonly calls: readonly LocalModuleCall[];
}

/**
 * Every value variable `name` (or `local.<name>`) of the module in `dir` can run with; NaN stands for one
 * that is no number, or unknown (no numeric default, or calls nested past a few levels).
 */
export function variableValues(
  folders: readonly VarFolder[],
  dir: string,
  name: string,
  depth = 0,
): number[] {
  const here = moduleDir(dir, '.');
  const v = folders
    .filter((f) => moduleDir(f.dir, '.') === here)
    .flatMap((f) => f.variables)
    .find((x) => x.name === name);
  if (name.startsWith('local.')) return [v?.value ?? Number.NaN];
  if (depth > 4) return [Number.NaN];
  const calls = folders.flatMap((f) =>
    f.calls.filter((c) => moduleDir(f.dir, c.source) === here).map((c) => ({ from: f.dir, c })),
  );
  if (calls.length === 0)
    return [...(v?.tfvars?.values ?? []), ...(v?.tfvars?.always ? [] : [v?.value ?? Number.NaN])];
  return calls.flatMap(({ from, c }) => {
    const arg = c.inputs.find(([input]) => input === name)?.[1];
    if (arg === undefined) return [v?.value ?? Number.NaN];
    const n = numeric(arg);
    if (!Number.isNaN(n)) return [n];
    const read = /^(var|local)\.([\w-]+)$/.exec(arg.trim());
    if (read === null) return [Number.NaN];
    const inner = read[1] === 'var' ? (read[2] as string) : `local.${read[2]}`;
    return variableValues(folders, from, inner, depth + 1);
  });
}

/** The largest value the variable can run with, or undefined when one of them is no number. */
export function largestValue(folders: readonly VarFolder[], dir: string, name: string): number | undefined {
  const values = variableValues(folders, dir, name);
  return values.length === 0 || values.some(Number.isNaN) ? undefined : Math.max(...values);
}

/** Some local module call of the project runs the module in `dir`. */
export function calledModule(folders: readonly VarFolder[], dir: string): boolean {
  const here = moduleDir(dir, '.');
  return folders.some((f) => f.calls.some((c) => moduleDir(f.dir, c.source) === here));
}
