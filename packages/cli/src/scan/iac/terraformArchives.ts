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
