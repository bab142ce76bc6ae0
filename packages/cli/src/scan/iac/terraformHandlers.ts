// Which handler code a Terraform Lambda runs, for its batch-size-1 event sources. A Terraform module is a
// folder: a function written in one file per resource reads its handler and package from `locals` another
// file of the folder declares (`handler = local.lambda_handler`, `filename = local.search_lambda_file`),
// and a bundled function's handler names the bundle (`index.handler`) while the package's name is the
// entry it was built from (`${var.out_dir}/searchHandler.zip` from src/.../searchHandler.ts). Each .tf
// file records its functions, locals and batch-1 mappings; the project pass joins them per folder.
import { type HclBlock, literal } from './hcl.js';
import { namesPackageModule, packageFolderHandlers } from './packageFolderHandlers.js';
import { archivedSource, archiveSources, hashedArchive } from './terraformArchives.js';
import { isLambdaModule, mapEntries } from './terraformLambdaModules.js';
import { pushedFunctions } from './terraformPushedFunctions.js';
import { type SourcePath, sourceHandlers, sourcePathOf } from './terraformSourcePath.js';

/** A function as written: its handler and its package (`filename`), as raw HCL expressions. */
export interface TerraformFunction {
  readonly name: string;
  readonly handler?: string;
  readonly code?: string;
  /** A registry function module's code folder, its `source_path`: its handler is relative to it. */
  readonly source?: SourcePath;
}

/** What a .tf file says about its functions' code and their batch-size-1 event sources. */
export interface TerraformCodeFacts {
  readonly functions: readonly TerraformFunction[];
  readonly locals: readonly (readonly [string, string])[];
  /** The `archive_file` data sources' labels with their `source_dir` (or `source_file`), raw. */
  readonly archives?: readonly (readonly [string, string])[];
  /** Functions (`aws_lambda_function` labels) polled by an event source mapping with `batch_size = 1`. */
  readonly batchOne: readonly string[];
  /** Every event source mapping's line and the function it polls, for its handler's code. */
  readonly mappings: readonly { readonly fn: string; readonly line: number }[];
  /** Functions SNS, S3, EventBridge or a log subscription invoke here: one record at a time. */
  readonly pushed?: readonly string[];
}

/**
 * The function a mapping's `function_name` names: an `aws_lambda_function` by its label, a registry
 * function module as `module.<name>` (`module.consumer.lambda_function_name`).
 */
function mappedFunction(raw: string | undefined): string | undefined {
  const m = /\b(?:aws_lambda_function\.([\w-]+)|(module\.[\w-]+)\.lambda_function_(?:name|arn))/.exec(
    raw ?? '',
  );
  return m?.[1] ?? m?.[2];
}

export function terraformCodeFacts(blocks: readonly HclBlock[]): TerraformCodeFacts {
  const resources = (type: string) => blocks.filter((b) => b.type === 'resource' && b.labels[0] === type);
  const described = (
    name: string,
    handler: string | undefined,
    code: string | undefined,
    source?: SourcePath,
  ): TerraformFunction => ({
    name,
    ...(handler !== undefined ? { handler } : {}),
    ...(code !== undefined ? { code } : {}),
    ...(source !== undefined ? { source } : {}),
  });
  const modules = blocks.filter(isLambdaModule);
  const functions = [
    // Deployed from S3, the package is the archive its `source_code_hash` hashes (terraformArchives.ts).
    ...resources('aws_lambda_function').map((f) => {
      const filename = f.attrs.get('filename')?.raw;
      const code = filename ?? hashedArchive(filename, f.attrs.get('source_code_hash')?.raw);
      return described(f.labels[1] as string, f.attrs.get('handler')?.raw, code);
    }),
    // The registry module's handler is relative to its `source_path`, as a resource's is to its package.
    ...modules.map((m) =>
      described(
        `module.${m.labels[0]}`,
        m.attrs.get('handler')?.raw,
        m.attrs.get('local_existing_package')?.raw,
        sourcePathOf(m.attrs.get('source_path')?.raw),
      ),
    ),
  ];
  const locals = blocks
    .filter((b) => b.type === 'locals')
    .flatMap((b) => [...b.attrs].map(([name, attr]) => [name, attr.raw] as const));
  const mappings = [
    ...resources('aws_lambda_event_source_mapping').flatMap((m) => {
      const fn = mappedFunction(m.attrs.get('function_name')?.raw);
      return fn === undefined ? [] : [{ fn, line: m.line, one: literal(m.attrs.get('batch_size')) === '1' }];
    }),
    // A function module's own mappings (`event_source_mapping = { orders = { batch_size = 1, ... } }`).
    ...modules.flatMap((m) =>
      ['event_source_mapping', 'event_source_mappings'].flatMap((key) =>
        mapEntries(m.attrs.get(key)).map(({ block }) => ({
          fn: `module.${m.labels[0]}`,
          line: block.line,
          one: literal(block.attrs.get('batch_size')) === '1',
        })),
      ),
    ),
  ];
  const pushed = pushedFunctions(resources);
  const archives = archiveSources(blocks);
  return {
    functions,
    locals,
    ...(archives.length > 0 ? { archives } : {}),
    batchOne: mappings.filter((m) => m.one).map((m) => m.fn),
    mappings: mappings.map(({ fn, line }) => ({ fn, line })),
    ...(pushed.length > 0 ? { pushed } : {}),
  };
}

/** What a folder's files declare for all of them: `locals`, and `archive_file` sources by label. */
interface FolderFacts {
  readonly locals: ReadonlyMap<string, string>;
  readonly archives: ReadonlyMap<string, string>;
}

const folderFacts = (here: readonly TerraformCodeFacts[]): FolderFacts => ({
  locals: new Map(here.flatMap((f) => f.locals)),
  archives: new Map(here.flatMap((f) => f.archives ?? [])),
});

/**
 * A string an expression stands for: a quoted string, or a `local.x` naming one (once removed). A local
 * interpolated into the string is read too (`"${local.router}.handler"`, the name written once in
 * `locals` and shared by the function, its archive and its bucket object) when it stands for a plain
 * string; any other interpolation is left as written, so the string names no module.
 */
function resolve(
  raw: string | undefined,
  locals: ReadonlyMap<string, string>,
  depth = 0,
): string | undefined {
  if (raw === undefined || depth > 3) return undefined;
  const local = /^local\.([\w-]+)$/.exec(raw);
  if (local !== null) return resolve(locals.get(local[1] as string), locals, depth + 1);
  const text = /^"([^"]*)"$/.exec(raw)?.[1];
  return text?.replace(/\$\{local\.([\w-]+)\}/g, (whole, name: string) => plainLocal(name, locals) ?? whole);
}

/**
 * A local standing for a plain string, itself or through `local.y` aliases. One that interpolates other
 * locals is not expanded: locals naming themselves a hundred times each grew a 1.7 KB file into a string
 * too long for the process, three levels deep, and a handler's name is never built that way.
 */
function plainLocal(name: string, locals: ReadonlyMap<string, string>, depth = 0): string | undefined {
  const raw = locals.get(name);
  if (raw === undefined || depth > 3) return undefined;
  const alias = /^local\.([\w-]+)$/.exec(raw);
  if (alias !== null) return plainLocal(alias[1] as string, locals, depth + 1);
  const text = /^"([^"]*)"$/.exec(raw)?.[1];
  return text === undefined || text.includes('${') ? undefined : text;
}

/** The entry a package is named after: `${var.out_dir}/searchHandler.zip` -> `searchHandler`. */
function packageEntry(code: string | undefined): string | undefined {
  const base = code
    ?.replace(/\$\{[^}]*\}/g, '')
    .split('/')
    .pop();
  return /^([\w.-]+)\.(zip|jar)$/i.exec(base ?? '')?.[1];
}

/**
 * The handler strings of a function in Terraform folder `dir`: as written, and the package's entry with
 * the handler's export; a registry module's under its `source_path`.
 */
function handlerStrings(fn: TerraformFunction, folder: FolderFacts, dir: string): string[] {
  const { locals } = folder;
  const handler = resolve(fn.handler, locals);
  const dot = handler?.lastIndexOf('.') ?? -1;
  if (handler === undefined || dot <= 0) return [];
  const source = fn.source ?? archivedSource(fn.code, folder.archives);
  if (source !== undefined) return sourceHandlers(source, dir, handler);
  const entry = packageEntry(resolve(fn.code, locals) ?? fn.code);
  if (entry === undefined) return [handler];
  return [handler, `${entry}.${handler.slice(dot + 1)}`, ...packageFolderHandlers(entry, handler)];
}

/**
 * The handler strings (`module.export`) of every function polled with `batch_size = 1`, or invoked only
 * by sources that never batch (no mapping of the folder polls it), across each folder's files: the
 * handler as written, and the package's entry with the handler's export.
 */
export function terraformBatchOneHandlers(
  files: readonly { readonly dir: string; readonly facts: TerraformCodeFacts }[],
): string[] {
  const out: string[] = [];
  for (const dir of new Set(files.map((f) => f.dir))) {
    const here = files.filter((f) => f.dir === dir).map((f) => f.facts);
    const batchOne = new Set(here.flatMap((f) => f.batchOne));
    const polled = new Set(here.flatMap((f) => f.mappings.map((m) => m.fn)));
    const pushed = new Set(here.flatMap((f) => f.pushed ?? []).filter((fn) => !polled.has(fn)));
    if (batchOne.size === 0 && pushed.size === 0) continue;
    const folder = folderFacts(here);
    for (const fn of here.flatMap((f) => f.functions))
      if (batchOne.has(fn.name)) out.push(...handlerStrings(fn, folder, dir));
      // Only strings that name package, folder and module: a scheduled `index.handler` would clear every
      // index module of the repository, queue consumers included.
      else if (pushed.has(fn.name)) out.push(...handlerStrings(fn, folder, dir).filter(namesPackageModule));
  }
  return out;
}

/**
 * The handler strings of every function a source that reads no answer invokes (SNS, S3, an EventBridge
 * rule or schedule, a log subscription: `pushed`), across each folder's files; only strings that name
 * package, folder and module, as for batch size 1 (a bare `index.handler` would name every API's too).
 */
export function terraformUnreadHandlers(
  files: readonly { readonly dir: string; readonly facts: TerraformCodeFacts }[],
): string[] {
  const out: string[] = [];
  for (const dir of new Set(files.map((f) => f.dir))) {
    const here = files.filter((f) => f.dir === dir).map((f) => f.facts);
    const pushed = new Set(here.flatMap((f) => f.pushed ?? []));
    if (pushed.size === 0) continue;
    const folder = folderFacts(here);
    for (const fn of here.flatMap((f) => f.functions))
      if (pushed.has(fn.name)) out.push(...handlerStrings(fn, folder, dir).filter(namesPackageModule));
  }
  return out;
}

/**
 * The handler strings of the function each event source mapping polls, by `file:line` of the mapping:
 * what links a mapping's batch finding to its handler's code (batchTwins.ts).
 */
export function terraformMappingHandlers(
  files: readonly { readonly rel: string; readonly dir: string; readonly facts: TerraformCodeFacts }[],
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const dir of new Set(files.map((f) => f.dir))) {
    const here = files.filter((f) => f.dir === dir);
    if (!here.some((f) => f.facts.mappings.length > 0)) continue;
    const folder = folderFacts(here.map((f) => f.facts));
    const functions = new Map(here.flatMap((f) => f.facts.functions.map((fn) => [fn.name, fn] as const)));
    for (const f of here)
      for (const m of f.facts.mappings) {
        const fn = functions.get(m.fn);
        if (fn !== undefined) out.set(`${f.rel}:${m.line}`, handlerStrings(fn, folder, dir));
      }
  }
  return out;
}

/**
 * The handler strings of every Lambda function of each folder's files, whatever invokes it: the exports
 * the runtime calls (templateNamedHandlers.ts).
 */
export function terraformFunctionHandlers(
  files: readonly { readonly dir: string; readonly facts: TerraformCodeFacts }[],
): string[] {
  const out: string[] = [];
  for (const dir of new Set(files.map((f) => f.dir))) {
    const here = files.filter((f) => f.dir === dir).map((f) => f.facts);
    const folder = folderFacts(here);
    for (const fn of here.flatMap((f) => f.functions)) out.push(...handlerStrings(fn, folder, dir));
  }
  return out;
}
