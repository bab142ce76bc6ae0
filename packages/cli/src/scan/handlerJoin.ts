// Which module a handler string names. A template, Terraform or construct names its function's code as
// `module.export` relative to a folder the scan may not know (`index.handler` inside a zip CI uploads):
// matched by the end of the path, a generic `index.handler` names every index module of the repository. A
// handler string joins to its code only when the join is unambiguous: one module answers to it, or the
// string carries enough of the path (the template's folder and CodeUri, a source_path's folder, a bundle's
// entry) to leave one. Otherwise a batch size or a cap set for one function would clear or move the
// findings of every other function whose module has the same name.

const SOURCE_EXT = /\.[cm]?[jt]sx?$/;

/** A module's path without its extension: `src/index.ts` and a compiled `src/index.js` beside it are one. */
export const stemOf = (file: string): string => file.replace(/\\/g, '/').replace(SOURCE_EXT, '');

/** Does handler string `h` (`src/consumer.handler`, relative to some folder) name `file`'s export `name`? */
export function namesExport(h: string, file: string, name: string): boolean {
  const dot = h.lastIndexOf('.');
  if (dot === -1 || h.slice(dot + 1) !== name) return false;
  const stem = stemOf(file);
  const written = h.slice(0, dot).replace(/^\.\//, '');
  // `../backends/config/code/configChanged`: a CodeUri beside the template's folder names the same module,
  // by the folders it names (a bare `../index` would name every index module).
  const modulePath = written.replace(/^(?:\.\.?\/)+/, '');
  if (modulePath !== written && !modulePath.includes('/')) return false;
  return stem.endsWith(`/${modulePath}`) || stem === modulePath;
}

/**
 * Joins handler strings to the one module each names, among the project's files (read on first use).
 * @example
 * const join = new HandlerJoin(() => ['/r/orders/index.ts', '/r/refunds/index.ts', '/r/audit.ts']);
 * join.names('index.handler', '/r/orders/index.ts', 'handler'); // false: two index modules answer
 * join.names('orders/index.handler', '/r/orders/index.ts', 'handler'); // true
 * join.names('audit.handler', '/r/audit.ts', 'handler'); // true
 */
export class HandlerJoin {
  private readonly files: () => Iterable<string>;
  private readonly single = new Map<string, boolean>();

  constructor(files: () => Iterable<string>) {
    this.files = files;
  }

  /** Does `h` name `file`'s export `name`, and no other module of the project? */
  names(h: string, file: string, name: string): boolean {
    return namesExport(h, file, name) && this.unambiguous(h);
  }

  /** Does one module of the project at most answer to `h`'s module path? */
  unambiguous(h: string): boolean {
    let one = this.single.get(h);
    if (one === undefined) {
      const name = h.slice(h.lastIndexOf('.') + 1);
      const stems = new Set<string>();
      for (const f of this.files()) if (namesExport(h, f, name)) stems.add(stemOf(f));
      one = stems.size <= 1;
      this.single.set(h, one);
    }
    return one;
  }
}
