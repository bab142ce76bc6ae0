import { describe, expect, it } from 'vitest';
import { archivedSource, hashedArchive } from './terraformArchives.js';

describe('hashedArchive', () => {
  it('reads the package of an S3-deployed function from the archive its source_code_hash hashes', () => {
    expect(hashedArchive(undefined, 'data.archive_file.cron_src.output_base64sha256')).toBe(
      'data.archive_file.cron_src.output_path',
    );
  });

  it('leaves a function that names its package in filename to that', () => {
    expect(
      hashedArchive('"build/app.zip"', 'data.archive_file.cron_src.output_base64sha256'),
    ).toBeUndefined();
  });

  it('takes no other hash for an archive', () => {
    expect(hashedArchive(undefined, 'filebase64sha256("build/app.zip")')).toBeUndefined();
    expect(hashedArchive(undefined, 'data.archive_file.cron_src.output_md5')).toBeUndefined();
    expect(hashedArchive(undefined, undefined)).toBeUndefined();
  });

  it('answers what archivedSource reads as the archive folder', () => {
    const code = hashedArchive(undefined, ' data.archive_file.cron_src.output_base64sha256 ');
    // Terraform's own interpolation, written as HCL text.
    const archives = new Map([['cron_src', `"\${path.module}/lambdas/cron"`]]);
    expect(archivedSource(code, archives)).toMatchObject({ folder: 'cron', fromModule: 'lambdas/cron' });
  });
});
