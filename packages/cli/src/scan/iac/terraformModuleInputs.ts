// A local Terraform module (`module "x" { source = "./x" ... }`) gets its resources' names through its
// variables: inside the module a policy reads `var.table_arn`, and only the calling folder shows that the
// value is `aws_dynamodb_table.subscriptions.arn`, and how that table is billed. Each .tf file records the
// local modules it calls and what it hands each variable; the project pass answers, for a module folder,
// whether every caller hands a variable an on-demand table of its own folder.
import { posix } from 'node:path';
import type { HclBlock } from './hcl.js';

/**
 * The folder a local module call reaches: its `source` joined to the caller's folder, normalized, with no
 * trailing slash (`./modules/worker/` is `modules/worker`).
 * @example
 * moduleDir('infra', './modules/worker/') // 'infra/modules/worker'
 */
export function moduleDir(callerDir: string, source: string): string {
  const dir = posix.normalize(posix.join(callerDir, source));
  return dir.length > 1 ? dir.replace(/\/+$/, '') : dir;
}

/** One call of a local module: its label, its folder as written (`./x`, `../modules/x`) and its inputs' raw text. */
export interface LocalModuleCall {
  readonly name: string;
  readonly source: string;
  readonly inputs: readonly (readonly [string, string])[];
}

/** The calls of local modules (a `source` that is a relative path) in one parsed .tf file. */
export function localModuleCalls(blocks: readonly HclBlock[]): LocalModuleCall[] {
  const calls: LocalModuleCall[] = [];
  for (const b of blocks) {
    const name = b.labels[0];
    if (b.type !== 'module' || name === undefined) continue;
    const source = /^"(\.\.?\/[^"]*)"$/.exec(b.attrs.get('source')?.raw.trim() ?? '')?.[1];
    if (source === undefined) continue;
    calls.push({ name, source, inputs: [...b.attrs].map(([input, a]) => [input, a.raw] as const) });
  }
  return calls;
}

/** What the project pass reads of each folder's files for the join. */
interface FolderFacts {
  readonly dir: string;
  readonly calls: readonly LocalModuleCall[];
  readonly onDemandTables: readonly string[];
}

/**
 * For the module in `dir`: whether a variable is, at every call of the module the project holds, an
 * on-demand table of the calling folder (`aws_dynamodb_table.t.arn`, `.name`, `.id`). No caller: false.
 * @example
 * onDemandInputs(folders, 'terraform/delete-web-subscription')('subscriptions_table_arn') // true
 */
export function onDemandInputs(folders: readonly FolderFacts[], dir: string): (variable: string) => boolean {
  const callers = folders.flatMap((f) =>
    f.calls
      .filter((c) => moduleDir(f.dir, c.source) === moduleDir(dir, '.'))
      .map((c) => ({ call: c, callerDir: f.dir })),
  );
  return (variable) =>
    callers.length > 0 &&
    callers.every(({ call, callerDir }) => {
      const raw = call.inputs.find(([name]) => name === variable)?.[1].trim() ?? '';
      const table = /^aws_dynamodb_table\.([\w-]+)\.(arn|name|id)$/.exec(raw)?.[1];
      if (table === undefined) return false;
      return folders.some((f) => f.dir === callerDir && f.onDemandTables.includes(table));
    });
}
