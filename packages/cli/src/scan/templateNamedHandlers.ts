// Handlers named only by a template. The runtime calls the export a function's handler string names
// (`Handler: join/join-community.default`, a serverless.yml `handler:`, a Terraform function's `handler`
// under its source, a CDK or serverless.ts function a module wires), whatever that export is called or
// however it is shaped: `export default async (event) => ...` is an entry point because a template says so.
// Module analysis runs before the templates are joined (files are read in any order, in worker threads),
// so a module whose named export it did not take for a handler is analysed again with the names given,
// before any rule's findings are read. Only modules a handler string joins to, unambiguously (handlerJoin.ts),
// are read again; an export no template names keeps the shape test (js/handlerShape.ts).
import { dirname } from 'node:path';
import { analyzeFile, type FileOutcome } from './analyzeFile.js';
import { HandlerJoin, namesExport } from './handlerJoin.js';
import { builtSourceHandlers } from './iac/buildEntries.js';
import { terraformFunctionHandlers } from './iac/terraformHandlers.js';
import { ownEntry } from './ownEntry.js';
import type { TerraformFile } from './wireTemplates.js';

/**
 * Every handler string the templates and the modules' own wiring (CDK, serverless.ts) name, with the
 * source modules a bundler config builds the named ones from (iac/buildEntries.ts).
 */
export function namedHandlerStrings(
  outcomes: readonly FileOutcome[],
  terraformFiles: readonly TerraformFile[],
  read: (path: string) => string | undefined,
): string[] {
  const out: string[] = [];
  for (const o of outcomes) {
    if (o.kind === 'iac') {
      const named = o.result.handlers ?? [];
      out.push(...named);
      if (named.length > 0) out.push(...builtSourceHandlers(dirname(o.file.path), named, read));
    } else if (o.kind === 'code') {
      const f = o.facts;
      out.push(
        ...(f.batchOneHandlers ?? []),
        ...(f.eventHandlers ?? []),
        ...(f.scheduledHandlers ?? []),
        ...(f.requestHandlers ?? []),
        ...(f.unreadHandlers ?? []),
        ...(f.functionHandlers ?? []),
        ...(f.envFunctions ?? []).map(([, h]) => h),
      );
    }
  }
  out.push(...terraformFunctionHandlers(terraformFiles.map((f) => ({ dir: f.dir, facts: f.facts.code }))));
  return [...new Set(out)];
}

/**
 * The code modules a handler string names, each with the exports named that module analysis did not take
 * for handlers: `file -> names`.
 * @example
 * // template.yaml: Handler: join/join-community.default, CodeUri: ./dist/join/join-community
 * unjoinedHandlers(['join/join-community.default'], outcomes) // Map { '/r/src/join/join-community.ts' => Set { 'default' } }
 */
export function unjoinedHandlers(
  strings: readonly string[],
  outcomes: readonly FileOutcome[],
): Map<string, Set<string>> {
  const code = outcomes.flatMap((o) => (o.kind === 'code' ? [o] : []));
  const join = new HandlerJoin(() => code.map((o) => o.facts.file));
  const out = new Map<string, Set<string>>();
  for (const h of strings) {
    const dot = h.lastIndexOf('.');
    if (dot <= 0) continue;
    const name = h.slice(dot + 1);
    if (!/^[\w$]+$/.test(name)) continue;
    for (const o of code) {
      const f = o.facts;
      // An export analysis already took for an entry needs nothing more; a module analysis only checked
      // for syntax (none of the rules' words, js/ruleGate.ts) is read again too: its words were asked
      // without knowing it holds a handler.
      if (f.parseError !== undefined || ownEntry(f.handlers, name) !== undefined) continue;
      if (!namesExport(h, f.file, name) || !join.unambiguous(h)) continue;
      const names = out.get(f.file) ?? new Set<string>();
      names.add(name);
      out.set(f.file, names);
    }
  }
  return out;
}

/**
 * The outcomes with every module a handler string names analysed again with the exports it names given
 * as entry points, where analysis had not taken them for handlers; every other outcome as it was.
 */
export function withTemplateHandlers(
  outcomes: readonly FileOutcome[],
  terraformFiles: readonly TerraformFile[],
  read: (path: string) => string | undefined,
): FileOutcome[] {
  const unjoined = unjoinedHandlers(namedHandlerStrings(outcomes, terraformFiles, read), outcomes);
  if (unjoined.size === 0) return [...outcomes];
  return outcomes.map((o) => {
    const names = o.kind === 'code' ? unjoined.get(o.facts.file) : undefined;
    return names === undefined ? o : analyzeFile(o.file, names);
  });
}
