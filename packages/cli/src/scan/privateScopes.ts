// Is an `@scope/name` import one of the repository's own private packages? Signs in the importer's folders up
// to the scan root: a package.json named in that scope, or an .npmrc pointing the scope at a registry.
// A jsconfig alias (`@/lib/auth`) or a public package (`@auth0/nextjs-auth0`) shows neither.

import { dirname, join, relative, sep } from 'node:path';
import { readText } from './textFile.js';

/** A scoped package name: `@acme/security`, `@acme-internal/auth/keys`. */
const SCOPED = /^(@[a-z0-9][\w.-]*)\/[\w.-]+/;

/** The scopes one folder declares its own: its package.json name's scope, its .npmrc `@scope:registry` lines. */
function folderScopes(dir: string): Set<string> {
  const scopes = new Set<string>();
  const pkg = readText(join(dir, 'package.json'));
  if (pkg !== undefined) {
    try {
      const name = (JSON.parse(pkg) as { name?: unknown }).name;
      const scope = typeof name === 'string' ? SCOPED.exec(name)?.[1] : undefined;
      if (scope !== undefined) scopes.add(scope);
    } catch {
      // not JSON: no sign
    }
  }
  for (const m of (readText(join(dir, '.npmrc')) ?? '').matchAll(/^\s*(@[a-z0-9][\w.-]*):registry\s*=/gm))
    scopes.add(m[1] as string);
  return scopes;
}

export class PrivateScopes {
  private readonly byDir = new Map<string, Set<string>>();
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private inside(dir: string): boolean {
    const rel = relative(this.root, dir);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
  }

  /** Is `source`, imported from `from`, a scoped package whose scope a folder from `from` up to the root owns? */
  isPrivate(from: string, source: string): boolean {
    const scope = SCOPED.exec(source)?.[1];
    if (scope === undefined) return false;
    for (let d = dirname(from); this.inside(d); d = dirname(d)) {
      let scopes = this.byDir.get(d);
      if (scopes === undefined) {
        scopes = folderScopes(d);
        this.byDir.set(d, scopes);
      }
      if (scopes.has(scope)) return true;
      if (d === this.root || dirname(d) === d) break;
    }
    return false;
  }
}
