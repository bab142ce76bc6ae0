// esbuild's documented default for `outbase`: "the lowest common ancestor directory among all input
// entry point paths". A config that sets no outbase still names its output layout through its entry
// points, also when it computes them (`entries = lambdas.map((l) => `./${lambdasPath}/${name}/handler.ts`)`):
// the fixed part of such a template literal, up to its first unknown substitution, is a folder every entry
// lies under, and the entries differ below it, so that folder is their common ancestor.

const SOURCE = /\.[cm]?[jt]sx?$/;

/** The folder (no leading `./`, no trailing `/`) every entry point of an esbuild config lies under. */
export function defaultOutbase(text: string): string | undefined {
  const consts = new Map<string, string>();
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\w+)\s*=\s*(['"])([^'"`$]*)\2/g))
    consts.set(m[1] as string, m[3] as string);
  const dirs: string[][] = [];
  // Computed entries: the fixed head of a template literal naming a source file.
  for (const m of text.matchAll(/`([^`]*)`/g)) {
    const body = m[1] as string;
    if (!SOURCE.test(body) || !body.includes('${')) continue;
    const fixed = body.replace(/\$\{\s*(\w+)\s*\}/g, (all, name: string) => consts.get(name) ?? all);
    const cut = fixed.indexOf('${');
    if (cut < 0) continue;
    const head = fixed.slice(0, cut);
    dirs.push(
      head
        .slice(0, head.lastIndexOf('/') + 1)
        .split('/')
        .filter((p) => p !== '' && p !== '.'),
    );
  }
  // Literal entries: `entryPoints: ['./src/a/handler.ts', ...]`.
  const list = /\bentryPoints\s*:\s*\[([^\]]*)\]/.exec(text)?.[1];
  for (const m of list?.matchAll(/['"]([^'"]+)['"]/g) ?? []) {
    const path = m[1] as string;
    if (SOURCE.test(path))
      dirs.push(
        path
          .split('/')
          .slice(0, -1)
          .filter((p) => p !== '' && p !== '.'),
      );
  }
  if (dirs.length === 0) return undefined;
  const common: string[] = [];
  for (let i = 0; dirs.every((d) => i < d.length && d[i] === dirs[0]?.[i]); i++)
    common.push(dirs[0]?.[i] as string);
  return common.length > 0 ? common.join('/') : undefined;
}
