// Which handler code a batch-size-1 event source runs. A template names a handler as `module.export`
// relative to some folder (`src/consumer.handler`); the code may export it under that name, or re-export it
// from another module (`src/index.ts`: `export { handler } from './consumer'`), where the finding is.
import type { ReExport } from './js/Candidate.js';

/** Does handler string `h` (`src/consumer.handler`, relative to some folder) name `file`'s export `name`? */
export function namesExport(h: string, file: string, name: string): boolean {
  const dot = h.lastIndexOf('.');
  if (dot === -1 || h.slice(dot + 1) !== name) return false;
  const stem = file.replace(/\\/g, '/').replace(/\.[cm]?[jt]sx?$/, '');
  const modulePath = h.slice(0, dot).replace(/^\.\//, '');
  return stem.endsWith(`/${modulePath}`) || stem === modulePath;
}

/**
 * `file#export` pairs the handler strings reach through re-exports (`export { handler } from`, `export *
 * from`, `import { main } from './consumer'; export { main as handler }`), a few modules deep. Only the
 * modules a handler string names are read.
 */
export function reExportedHandlers(
  handlers: readonly string[],
  files: readonly string[],
  reExportsOf: (file: string) => readonly ReExport[],
  resolve: (from: string, source: string) => string | undefined,
): ReadonlySet<string> {
  const out = new Set<string>();
  const follow = (file: string, name: string, depth: number): void => {
    if (depth > 4) return;
    for (const re of reExportsOf(file)) {
      const local = re.names === undefined ? name : re.names.find(([exported]) => exported === name)?.[1];
      const target = local === undefined ? undefined : resolve(file, re.source);
      if (target === undefined || local === undefined || out.has(`${target}#${local}`)) continue;
      out.add(`${target}#${local}`);
      follow(target, local, depth + 1);
    }
  };
  for (const h of handlers) {
    const dot = h.lastIndexOf('.');
    if (dot <= 0) continue;
    const name = h.slice(dot + 1);
    for (const file of files) if (namesExport(h, file, name)) follow(file, name, 0);
  }
  return out;
}
