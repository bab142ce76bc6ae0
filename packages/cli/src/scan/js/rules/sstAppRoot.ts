// Where an SST app lives: the folder of its `sst.config.ts`. SST names a function's handler by a path
// relative to that folder (`packages/functions/src/jobs.handler`), and the app's alarms are read under it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The app's root folder: where sst.config.ts is, up to three folders above the module, else the module's.
 * @example
 * sstAppRoot('/app/infra/queues.ts') // '/app' when /app/sst.config.ts exists
 */
export function sstAppRoot(file: string): string {
  let dir = dirname(file);
  for (let up = 0; up <= 3; up++, dir = dirname(dir)) if (existsSync(join(dir, 'sst.config.ts'))) return dir;
  return dirname(file);
}
