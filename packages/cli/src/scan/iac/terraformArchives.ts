// A Terraform function packaged by an `archive_file` data source (`filename =
// data.archive_file.jobs_zip.output_path`, the archive declared in another file of the folder with
// `source_dir = "${path.module}/lambda"`) runs the code of that folder: its handler (`job-recovery.handler`)
// is relative to the archive's `source_dir` (or its `source_file`'s folder), as a registry module's is to
// its `source_path`. Without that the handler string names no folder and matches any module of that name.
import type { HclBlock } from './hcl.js';
import { type SourcePath, sourcePathOf } from './terraformSourcePath.js';

/** The archives of one .tf file: each `data "archive_file"` label with its source as raw HCL. */
export function archiveSources(blocks: readonly HclBlock[]): (readonly [string, string])[] {
  return blocks.flatMap((b) => {
    if (b.type !== 'data' || b.labels[0] !== 'archive_file' || b.labels[1] === undefined) return [];
    const source = b.attrs.get('source_dir')?.raw ?? b.attrs.get('source_file')?.raw;
    return source === undefined ? [] : [[b.labels[1], source] as const];
  });
}

const ARCHIVE_OUTPUT = /^data\.archive_file\.([\w-]+)\.output_path$/;
const ARCHIVE_HASH = /^data\.archive_file\.([\w-]+)\.output_base64sha256$/;

/**
 * The package of a function with no `filename` (in practice one deployed from S3, `s3_key = ...`; the absence
 * of `filename` is the whole test, `s3_key`/`s3_bucket` are not read), as the archive its `source_code_hash` hashes: the object uploads that archive, and the hash is what redeploys the function
 * when the archive's folder changes, so the folder is its code. Answered as the archive's `output_path`
 * expression, which archivedSource reads; none when the function names its package in `filename`.
 * @example
 * hashedArchive(undefined, 'data.archive_file.cron_src.output_base64sha256') // 'data.archive_file.cron_src.output_path'
 */
export function hashedArchive(filename: string | undefined, hash: string | undefined): string | undefined {
  if (filename !== undefined) return undefined;
  const label = ARCHIVE_HASH.exec(hash?.trim() ?? '')?.[1];
  return label === undefined ? undefined : `data.archive_file.${label}.output_path`;
}

/**
 * The code folder of a function whose package is an archive of the folder (`archives`: label -> source).
 * @example
 * archivedSource('data.archive_file.jobs.output_path', new Map([['jobs', '"${path.module}/lambda"']]));
 * // { folder: 'lambda', fromModule: 'lambda', built: false }
 */
export function archivedSource(
  code: string | undefined,
  archives: ReadonlyMap<string, string>,
): SourcePath | undefined {
  const label = ARCHIVE_OUTPUT.exec(code?.trim() ?? '')?.[1];
  return label === undefined ? undefined : sourcePathOf(archives.get(label));
}
