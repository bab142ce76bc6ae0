// Minimal glob matching for include/exclude patterns: `**`, `*`, `?`, `{a,b}`. Paths use forward slashes.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit !== undefined) return hit;
  let re = '';
  let i = 0;
  // A pattern without a slash matches at any depth, like .gitignore.
  const anchored = glob.includes('/') && !glob.startsWith('**/');
  const g = glob.startsWith('./') ? glob.slice(2) : glob;
  while (i < g.length) {
    const c = g[i] as string;
    if (c === '*') {
      if (g[i + 1] === '*') {
        const slash = g[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 3 : 2;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const end = g.indexOf('}', i);
      if (end === -1) re += '\\{';
      else {
        re += `(?:${g
          .slice(i + 1, end)
          .split(',')
          .map((p) => p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
          .join('|')})`;
        i = end + 1;
        continue;
      }
    } else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    i++;
  }
  const regexp = new RegExp(`${anchored ? '^' : '(?:^|/)'}${re}(?:/.*)?$`);
  cache.set(glob, regexp);
  return regexp;
}

/** One alternation per glob list: the walk tests every entry against ~30 built-in excludes. */
const combined = new WeakMap<readonly string[], RegExp | null>();

export function matchesAny(path: string, globs: readonly string[]): boolean {
  let regexp = combined.get(globs);
  if (regexp === undefined) {
    regexp = globs.length > 0 ? new RegExp(globs.map((g) => globToRegExp(g).source).join('|')) : null;
    combined.set(globs, regexp);
  }
  return regexp?.test(path) === true;
}
