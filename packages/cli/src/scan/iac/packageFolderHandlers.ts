// A monorepo that builds each function in its own package folder and zips it under the folder's name
// (`packages/functions/game-over` built by esbuild to `lib/index.js`, zipped as `dist/game-over.zip`) has
// Terraform name the code by the package (`filename = "../dist/game-over.zip"`) and a handler relative to
// the zip's root (`handler = "lib/index.handler"`). The zip's root is the package folder, and the handler's
// first folder is the build's output (tsc's `outDir`, esbuild's `outdir`/`outfile`), whose source is the
// package's `src` (or its root): `game-over/src/index.handler` names the code, wherever the folder sits.

/** Output folders a build writes compiled JavaScript to, in place of the package's `src`. */
export const BUILD_OUTPUT = new Set(['lib', 'dist', 'build', 'out', '.build', 'bundle']);

/**
 * The handler strings a package folder's code answers to, for handler `handler` (`lib/index.handler`) in
 * the package named `entry` (`game-over`): `game-over/lib/index.handler`, and for a build output folder,
 * its sources `game-over/src/index.handler` and `game-over/index.handler`.
 * @example
 * packageFolderHandlers('game-over', 'lib/index.handler');
 * // ['game-over/lib/index.handler', 'game-over/src/index.handler', 'game-over/index.handler']
 */
export function packageFolderHandlers(entry: string, handler: string): string[] {
  const slash = handler.indexOf('/');
  if (slash <= 0 || handler.startsWith('.')) return [];
  const out = [`${entry}/${handler}`];
  if (BUILD_OUTPUT.has(handler.slice(0, slash))) {
    const rest = handler.slice(slash + 1);
    out.push(`${entry}/src/${rest}`, `${entry}/${rest}`);
  }
  return out;
}

/**
 * Is handler string `h` specific enough to name one module anywhere in the repository: a package folder,
 * a source folder and the module (`game-over/src/index.handler`), not a bare `src/index.handler`?
 */
export function namesPackageModule(h: string): boolean {
  return (
    h
      .slice(0, h.lastIndexOf('.'))
      .split('/')
      .filter((p) => p !== '' && p !== '.' && p !== '..').length >= 3
  );
}
