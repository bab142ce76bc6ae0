// Whether a module's importers use what they import from it. An importer that binds names from a module and
// never uses one (the import left behind when the last call was deleted, or a class imported for a field the
// code never got to) loads the module but runs none of its functions: for the dead-module check
// (deadModules.ts) it is no evidence the module's requests are ever sent. Only a plain import declaration
// resolving to the module itself is read so (importDeclarations.ts); an importer reaching it any other way (a
// barrel, `require`, a dynamic `import()`, a side-effect import, a re-export) keeps it.

import { dirname, join } from 'node:path';
import { type ImportDeclaration, importDeclarations, usedBeyondImports } from './importDeclarations.js';
import type { Project } from './project.js';
import { readSource } from './readSource.js';

/** Compiler options that keep an import whose bindings go unused, so the module still loads. */
const KEEPS_IMPORTS =
  /"(?:verbatimModuleSyntax|preserveValueImports)"\s*:\s*true|"importsNotUsedAsValues"\s*:\s*"(?:preserve|error)"/;

/**
 * Does the compiler drop `importer`'s unused imports? Only TypeScript does, and not under the options above
 * (read from the nearest tsconfig.json's text, its `extends` unread): a .js importer loads the module, whose
 * top-level code then runs.
 */
function dropsUnusedImports(importer: string): boolean {
  if (!/\.(?:ts|tsx|mts|cts)$/.test(importer) || importer.endsWith('.d.ts')) return false;
  for (let dir = dirname(importer); ; dir = dirname(dir)) {
    const config = readSource(join(dir, 'tsconfig.json'));
    if (config !== undefined) return !KEEPS_IMPORTS.test(config);
    if (dirname(dir) === dir) return true;
  }
}

/**
 * When `file` is imported, but every importer binds names from it by import declarations and spells none of
 * them again: those declarations per importer (their text names the module's path, which is no use either).
 * Undefined when some importer uses a binding, or reaches `file` in a way not read here.
 *
 * @example
 * idleImports(project, '/app/src/common/S3Service.ts') // Map { '/app/src/companies/service.ts' => [decl] }
 */
export function idleImports(project: Project, file: string): Map<string, ImportDeclaration[]> | undefined {
  const idle = new Map<string, ImportDeclaration[]>();
  // `mentioning` with a default export answers every importer, direct or through a barrel.
  for (const importer of project.eventCallers.mentioning(file, ['default'])) {
    if (!dropsUnusedImports(importer)) return undefined;
    const text = readSource(importer);
    if (text === undefined) return undefined;
    const own = importDeclarations(text).filter((d) => project.resolveModule(importer, d.source) === file);
    // A clause not read whole may bind a name the importer uses: no evidence either way.
    if (own.length === 0 || own.some((d) => d.unread)) return undefined;
    // A second way in (a `require`, a re-export) than the declarations read here.
    const sources = new Set(own.map((d) => d.source));
    const spelled = [...sources].reduce((n, s) => n + text.split(s).length - 1, 0);
    if (spelled > own.length) return undefined;
    if (
      usedBeyondImports(
        text,
        own.flatMap((d) => d.locals),
      )
    )
      return undefined;
    idle.set(importer, own);
  }
  return idle.size > 0 ? idle : undefined;
}

/**
 * The text with these declarations blanked (same length, so offsets hold): what is left may still name the
 * module elsewhere (a handler string, a second path).
 */
export function withoutDeclarations(text: string, declarations: readonly ImportDeclaration[]): string {
  let out = text;
  for (const d of declarations) out = out.slice(0, d.start) + ' '.repeat(d.end - d.start) + out.slice(d.end);
  return out;
}
