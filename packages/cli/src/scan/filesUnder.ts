// A bounded walk of a folder the scan's own directory walk (discover.ts) does not hand over: an app's
// modules read for its alarms (js/rules/sstV3AppAlarms.ts), the scripts of a `scripts/` folder
// (scriptCallers.ts). Each caller decides which folders to enter and which files to take, and stops the walk
// when it has enough: the walk is lazy, so a folder past that point is never listed.
import { type Dirent, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Which sub-folders a walk enters and which other entries it yields. */
export interface FileWalk {
  /** Enter the folder named `name`, `depth` levels below the start (1 for a child of it)? */
  readonly enter: (name: string, depth: number) => boolean;
  /** Yield this entry (never a folder: a folder is entered or passed over)? */
  readonly take: (entry: Dirent) => boolean;
}

/**
 * The paths under `dir` a walk takes, depth first in listing order; an unreadable folder yields nothing.
 * @example
 * for (const f of filesUnder('/app', { enter: (n) => n !== 'node_modules', take: (e) => e.name.endsWith('.ts') })) ...
 */
export function* filesUnder(dir: string, walk: FileWalk, depth = 0): Generator<string> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (walk.enter(e.name, depth + 1)) yield* filesUnder(path, walk, depth + 1);
    } else if (walk.take(e)) yield path;
  }
}
