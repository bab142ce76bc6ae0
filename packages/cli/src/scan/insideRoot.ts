// The scan never reads outside the tree it was given. A file the scanned code names (`${file(../x.yml)}`,
// an absolute path, a symlink inside the tree pointing out) is checked here before it is read or listed:
// a path whose real location is outside the root reads as absent, as a missing file does.
import { realpathSync } from 'node:fs';
import { sep } from 'node:path';

// The root's real path, once per root: a scan asks for every include it follows.
const realRoots = new Map<string, string | undefined>();

function realRoot(root: string): string | undefined {
  if (!realRoots.has(root)) {
    let real: string | undefined;
    try {
      real = realpathSync(root);
    } catch {
      real = undefined; // a root that does not exist holds nothing
    }
    realRoots.set(root, real);
  }
  return realRoots.get(root);
}

/**
 * Whether `path`, every symlink on it resolved, is the scan root or inside it. A path that does not exist
 * answers false: the callers treat it as absent either way. No root (`undefined`: a caller analysing one
 * file with no tree around it) answers true, as before the scan knew its root.
 * @example
 * insideRoot('/repo', '/repo/config/dev.yml') // true
 * insideRoot('/repo', '/repo/../etc/app.json') // false
 * insideRoot('/repo', '/repo/link.yml') // false when link.yml -> /etc/app.json
 */
export function insideRoot(root: string | undefined, path: string): boolean {
  if (root === undefined) return true;
  const top = realRoot(root);
  if (top === undefined) return false;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return false;
  }
  return real === top || real.startsWith(top.endsWith(sep) ? top : top + sep);
}
