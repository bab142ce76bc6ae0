// Whether a text's mention of a module's file name can be a reference to that module (deadModules.ts keeps a
// module alive when any other file names it). A name is a reference where it reads as a path or a handler
// string: next to a `/`, inside quotes, or followed by an extension or an export (`Event.handler`,
// `Event.js`), or as a command line's word (`CMD node worker` in a Dockerfile, `worker: node worker`). The same word in prose (`description: Event emitted ...`) or as a class name (`class Event`)
// loads nothing; neither does a relative `require('./clients/Event')` that resolves to another file of the
// same name (each service of a monorepo carrying its own `clients/Event.js`).
import { dirname, extname, join } from 'node:path';
import { escapeRegExp } from './escapeRegExp.js';

/** A relative module specifier of `require(...)`, `import(...)`, `import ... from` or `export ... from`. */
const RELATIVE_SPECIFIER =
  /(?:\brequire\s*\(\s*|\bimport\s*\(\s*|\bfrom\s*|\bimport\s+)(['"`])(\.{1,2}\/[^'"`\n]*)\1/g;
/** Characters before a name that make it part of a path or a string. */
const PATH_BEFORE = /[/\\'"`]$/;
/** After the name: a quote, a path separator, or `.word` (an extension, a handler export). */
const PATH_AFTER = /^(?:[/\\'"`]|\.[A-Za-z])/;

/** Files whose lines are commands: a bare word there can be a module a runner starts (`CMD node worker`). */
const COMMAND_FILE = /(?:^|\/)(?:Dockerfile|Procfile|Makefile)[^/]*$|\.sh$/;
/** A runner word (and its flags) just before the name, in any file: `node worker`, `pm2 start worker`. */
const RUNNER_BEFORE = /\b(?:node|ts-node|tsx|nodemon|bun|pm2\s+start)(?:\s+-{1,2}[\w-]+(?:=\S+)?)*\s+$/;

/** The module path without its extension (`/a/b/Event.js` -> `/a/b/Event`). */
function stemPath(file: string): string {
  const ext = extname(file);
  return ext === '' ? file : file.slice(0, -ext.length);
}

/** Spans of relative specifiers in `text` (of the file `from`) that resolve to a module other than `file`. */
function elsewhereSpecifiers(text: string, from: string, file: string): [number, number][] {
  const spans: [number, number][] = [];
  const target = stemPath(file);
  for (const m of text.matchAll(RELATIVE_SPECIFIER)) {
    const spec = m[2] as string;
    const resolved = join(dirname(from), spec);
    if (resolved === target || stemPath(resolved) === target || resolved === dirname(file)) continue;
    const start = m.index + m[0].length - spec.length - 1;
    spans.push([start, start + spec.length]);
  }
  return spans;
}

/**
 * Does `text` (the file `from`) name the module `file` where the name can load it? `stem` is the file's
 * name without its extension; a match must read as a path or handler string and must not sit in a relative
 * specifier resolving to another file.
 *
 * @example
 * mentionsModule("require('./clients/Event')", '/r/edge/src/a.js', '/r/hub/src/clients/Event.js', 'Event') // false
 * mentionsModule('handler: src/clients/Event.handler', '/r/template.yml', '/r/src/clients/Event.js', 'Event') // true
 */
export function mentionsModule(text: string, from: string, file: string, stem: string): boolean {
  const named = new RegExp(`(?:^|[^\\w$-])${escapeRegExp(stem)}(?![\\w$-])`, 'g');
  let elsewhere: [number, number][] | undefined;
  for (const m of text.matchAll(named)) {
    const at = m.index + m[0].length - stem.length;
    const before = text.slice(Math.max(0, at - 1), at);
    const after = text.slice(at + stem.length, at + stem.length + 2);
    // A command line names a module without an extension (`CMD node worker`): whitespace-delimited in a
    // command file, or after a runner word anywhere.
    const command =
      (COMMAND_FILE.test(from) && /^\s?$/.test(before) && /^(?:\s|$)/.test(after)) ||
      RUNNER_BEFORE.test(text.slice(Math.max(0, at - 60), at));
    if (!command && !PATH_BEFORE.test(before) && !PATH_AFTER.test(after)) continue;
    elsewhere ??= elsewhereSpecifiers(text, from, file);
    if (!elsewhere.some(([s, e]) => at >= s && at < e)) return true;
  }
  return false;
}
