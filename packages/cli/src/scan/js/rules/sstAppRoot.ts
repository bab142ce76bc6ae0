// Where an SST app lives: the folder of its `sst.config.ts`. SST names a function's handler by a path
// relative to that folder (`packages/functions/src/jobs.handler`), and the app's alarms are read under it.
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * The app's root folder: where sst.config.ts is, up to three folders above the module and never above the
 * scan root (`root`, unknown: unbounded), else the module's.
 * @example
 * sstAppRoot('/app/infra/queues.ts') // '/app' when /app/sst.config.ts exists
 */
export function sstAppRoot(file: string, root?: string): string {
  let dir = dirname(file);
  for (let up = 0; up <= 3 && underRoot(dir, root); up++, dir = dirname(dir))
    if (existsSync(join(dir, 'sst.config.ts'))) return dir;
  return dirname(file);
}

/**
 * Whether folder `dir` is the scan root or below it, by its path (the files the scan analyses are named
 * below their root). No root known: any folder.
 * @example
 * underRoot('/repo/infra', '/repo') // true; underRoot('/', '/repo') // false
 */
export function underRoot(dir: string, root: string | undefined): boolean {
  if (root === undefined) return true;
  const top = resolve(root);
  return dir === top || dir.startsWith(top.endsWith(sep) ? top : top + sep);
}
