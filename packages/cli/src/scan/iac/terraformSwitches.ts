// A Terraform setting switched by a variable: `redrive_policy = var.redrive.enabled ? jsonencode({...}) : null`.
// Modules commonly make a queue's DLQ optional this way; when the variable's default leaves it off, the
// queue as deployed by default has no redrive policy. The variable is declared in this file or, as
// Terraform convention has it, in another .tf file of the same module folder (`variables.tf`).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { insideRoot } from '../insideRoot.js';
import { readSource } from '../readSource.js';
import { type HclBlock, parseHcl } from './hcl.js';

/** `var.x ? ... : null` or `var.x.enabled ? ...` (also written `== true`). */
const SWITCH =
  /^\s*\(?\s*var\.([\w-]+)((?:\.[\w-]+)?)\s*(?:==\s*true\s*)?\)?\s*\?[\s\S]*:\s*(?:null|\{\s*\}|""|\[\s*\])\s*$/;

/**
 * The variable (`var.x` or `var.x.enabled`) that switches a setting on, when its default leaves it off.
 * @example
 * offByDefault(blocks, '/repo/main.tf', 'var.redrive_build_queue.enabled ? jsonencode({...}) : null') // 'var.redrive_build_queue.enabled'
 */
export function offByDefault(
  blocks: readonly HclBlock[],
  file: string | undefined,
  raw: string | undefined,
  root?: string,
): string | undefined {
  const m = SWITCH.exec(raw ?? '');
  if (m === undefined || m === null) return undefined;
  const [, name, field] = m as unknown as [string, string, string];
  const declared = variable(blocks, name) ?? (file !== undefined ? inFolder(file, name, root) : undefined);
  const value = declared?.attrs.get('default')?.raw;
  if (value === undefined) return undefined;
  const off =
    field === ''
      ? /^\s*false\s*$/.test(value)
      : new RegExp(`\\b${field.slice(1)}\\s*=\\s*false\\b`).test(value);
  return off ? `var.${name}${field}` : undefined;
}

function variable(blocks: readonly HclBlock[], name: string): HclBlock | undefined {
  return blocks.find((b) => b.type === 'variable' && b.labels[0] === name);
}

/** The variable as declared by another .tf file of the folder. */
function inFolder(file: string, name: string, root: string | undefined): HclBlock | undefined {
  const dir = dirname(file);
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith('.tf'));
  } catch {
    return undefined;
  }
  for (const f of names) {
    const path = join(dir, f);
    if (path === file || !insideRoot(root, path)) continue; // a .tf linked from outside is absent
    const text = readSource(path);
    if (text === undefined || !text.includes(`variable "${name}"`)) continue;
    const found = variable(parseHcl(text), name);
    if (found !== undefined) return found;
  }
  return undefined;
}
