// What a caller hands `scan()`, and the error it throws for input the caller must fix. scan.ts re-exports
// both (the public names stay where they were); they live apart so that scan.ts keeps to the scan itself.
import type { NormalizedScanConfig } from './config.js';

/**
 * Options of `scan()`.
 * @example
 * const options: ScanOptions = { paths: ['src'], workers: 0 };
 */
export interface ScanOptions {
  /**
   * Files and directories to scan.
   * @defaultValue `[root]`
   */
  readonly paths?: readonly string[];
  /**
   * Directory finding paths are relative to, and where `bulwark.config.json` is looked for.
   * @defaultValue `process.cwd()`
   */
  readonly root?: string;
  /**
   * A config file to use instead of `<root>/bulwark.config.json`, or a config already loaded.
   * @defaultValue the root's config file when present
   */
  readonly config?: string | NormalizedScanConfig;
  /**
   * Worker threads for parsing; 0 or 1 analyses in the calling thread.
   * @defaultValue `min(cores - 1, 4)` for more than 500 files on more than 2 cores, else 0
   */
  readonly workers?: number;
  /** Called as files complete. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Bad input the caller must fix (paths that do not exist); the CLI answers it with exit code 2.
 * @example
 * try { await scan({ paths: ['nope'] }); } catch (e: unknown) { if (e instanceof ScanUsageError) console.error(e.message); }
 */
export class ScanUsageError extends Error {
  override name = 'ScanUsageError' as const;
}
