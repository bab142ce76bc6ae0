// Which value a Terraform variable's `default` stands for when a function's `timeout` reads it
// (iac-gateway-timeout-exceeds-lambda, terraformGatewayResources.ts). The default is only what runs when
// nothing sets the variable: a root module's `.tfvars` files beside its .tf files (terraform.tfvars,
// *.auto.tfvars, or an environment's dev.tfvars handed to `-var-file`) set it, and so does a module call's
// argument of the variable's name. A value set so wins: the smallest of the files' values is judged
// (whichever environment deploys, none runs longer), one they do not spell as a number judges nothing,
// and a module every call of which passes the variable keeps no default to report.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { moduleDir } from './terraformModuleInputs.js';

/** `.tfvars` assignments of a folder, by variable: the raw values, one per file that sets it. */
const byFolder = new Map<string, ReadonlyMap<string, readonly string[]>>();

const ASSIGNMENT = /^\s*([A-Za-z_][\w-]*)\s*=\s*([^#\n]*?)\s*(?:#.*)?$/gm;

/** The variables the `.tfvars` files beside `file` set, read once per folder (one directory listing, no walk). */
export function folderVarFiles(file: string): ReadonlyMap<string, readonly string[]> {
  const dir = dirname(file);
  const cached = byFolder.get(dir);
  if (cached !== undefined) return cached;
  const values = new Map<string, string[]>();
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.tfvars'));
  } catch {
    // An unreadable folder sets nothing.
  }
  for (const name of names.sort()) {
    let text = '';
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    for (const m of text.matchAll(ASSIGNMENT))
      values.set(m[1] as string, [...(values.get(m[1] as string) ?? []), m[2] as string]);
  }
  byFolder.set(dir, values);
  return values;
}

/**
 * The variables with the value that runs: a default the folder's `.tfvars` files set replaced by their
 * smallest value, dropped when one of them is not a number. `local.` entries are no variables.
 */
export function withVarFiles<T extends { readonly name: string; readonly value: number }>(
  variables: readonly T[],
  set: ReadonlyMap<string, readonly string[]>,
): T[] {
  if (set.size === 0) return [...variables];
  return variables.flatMap((v) => {
    const values = v.name.startsWith('local.') ? undefined : set.get(v.name);
    if (values === undefined) return [v];
    const numbers = values.map((raw) => {
      const text = raw.replace(/^"(.*)"$/, '$1');
      return /^\d+$/.test(text) ? Number(text) : Number.NaN;
    });
    return numbers.some(Number.isNaN) ? [] : [{ ...v, value: Math.min(...numbers) }];
  });
}

/** One call of a local module, as terraformModuleInputs.ts records it. */
interface Call {
  readonly source: string;
  readonly inputs: readonly (readonly [string, string])[];
}

/**
 * Does some run of the module in `dir` keep the variable's default? Yes with no call of it in the project
 * (a root module), or when a call passes no argument of that name; no when every call passes one.
 */
export function defaultKept(
  files: readonly { readonly dir: string; readonly calls: readonly Call[] }[],
  dir: string,
  variable: string,
): boolean {
  const here = moduleDir(dir, '.');
  const calls = files.flatMap((f) => f.calls.filter((c) => moduleDir(f.dir, c.source) === here));
  return calls.length === 0 || calls.some((c) => !c.inputs.some(([name]) => name === variable));
}
