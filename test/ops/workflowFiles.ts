// The operations workflows of examples/ops-workflows, read once: their files, texts and parsed YAML.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';

export const DIR = join(import.meta.dirname, '..', '..', 'examples', 'ops-workflows', '.github', 'workflows');
export const SCHEMA = join(import.meta.dirname, 'fixtures', 'github-workflow.schema.json');

export interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
export interface Job {
  readonly environment?: string;
  readonly permissions?: unknown;
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}
export interface Input {
  readonly type: string;
  readonly default?: unknown;
  readonly options?: readonly string[];
  readonly required?: boolean;
}
export interface Workflow {
  readonly on: { readonly workflow_dispatch: { readonly inputs: Record<string, Input> } };
  readonly permissions: unknown;
  readonly jobs: Record<string, Job>;
}

export const files = (await readdir(DIR)).filter((f) => f.endsWith('.yml')).sort();
export const texts = Object.fromEntries(
  await Promise.all(files.map(async (f) => [f, await readFile(join(DIR, f), 'utf8')])),
);
export const workflows = Object.fromEntries(files.map((f) => [f, parse(texts[f]) as Workflow]));
