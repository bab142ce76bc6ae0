// Reads one file and runs the pass for its kind. Shared by the in-process path and the worker threads.

import { readFileSync } from 'node:fs';
import { looksBinary } from './binaryContent.js';
import type { DiscoveredFile } from './discover.js';
import { analyzeIac } from './iac/analyzeIac.js';
import type { IacResult } from './iac/IacResult.js';
import { ignoreDirectives } from './ignoreDirectives.js';
import { analyzeModule } from './js/analyzeModule.js';
import type { ModuleFacts } from './js/Candidate.js';
import { MAX_NESTING, nestingBound } from './js/nesting.js';
import { analysisFailure } from './judgeGuard.js';

export type FileOutcome =
  | {
      readonly kind: 'code';
      readonly file: DiscoveredFile;
      readonly facts: ModuleFacts;
      /** Kept for a deferred module, which the project pass may analyse later. */
      readonly source?: string;
    }
  | {
      readonly kind: 'iac';
      readonly file: DiscoveredFile;
      readonly result: IacResult;
      readonly ignores: ModuleFacts['ignores'];
    }
  | {
      readonly kind: 'problem';
      readonly file: DiscoveredFile;
      readonly problem: 'binary' | 'unreadable' | 'parse-error' | 'too-deep' | 'analysis-error';
      readonly message: string;
    };

function binaryOnDisk(path: string, code: boolean): boolean {
  try {
    return looksBinary(readFileSync(path), code);
  } catch {
    return true; // gone since the first read, which found a NUL
  }
}

function parseError(file: DiscoveredFile, message: string): FileOutcome {
  return { kind: 'problem', file, problem: 'parse-error', message };
}

/**
 * Reads and analyses one file. `templateNamed`: a code module's exports a template names as handlers
 * (templateNamedHandlers.ts).
 */
export function analyzeFile(file: DiscoveredFile, templateNamed?: ReadonlySet<string>): FileOutcome {
  let source: string;
  try {
    // Read as a string in one native call: reading a Buffer and decoding it separately cost more.
    source = readFileSync(file.path, 'utf8');
  } catch (error: unknown) {
    return { kind: 'problem', file, problem: 'unreadable', message: (error as Error).message };
  }
  // UTF-8 encodes U+0000 only as a NUL byte, and a character never sits at a later index than its
  // first byte: no NUL character in the first 8,192 means no NUL byte in the first 8 KiB. Only a file
  // with one there is read again to decide on its bytes (binaryContent.ts: code is judged as text).
  // An editor's byte-order mark before a hashbang hides the hashbang from the parser (it must be the
  // first character), and the file was lost as unparsable. Three characters for three keep every offset.
  if (source.startsWith('\uFEFF#!')) source = `// ${source.slice(3)}`;
  const nul = source.indexOf('\0');
  if (nul !== -1 && nul < 8192 && binaryOnDisk(file.path, file.kind === 'code'))
    return { kind: 'problem', file, problem: 'binary', message: 'skipped: binary content (NUL bytes)' };
  try {
    if (file.kind === 'code') {
      // Checked before parsing: the parser crashes the process on very deep nesting (js/nesting.ts).
      const depth = nestingBound(source);
      if (depth > MAX_NESTING)
        return {
          kind: 'problem',
          file,
          problem: 'too-deep',
          message: `skipped: nests about ${depth} levels deep (over ${MAX_NESTING}); the parser cannot take it safely`,
        };
      const facts = analyzeModule(file.path, source, false, templateNamed, file.root);
      if (facts.parseError !== undefined) return parseError(file, `does not parse: ${facts.parseError}`);
      return facts.deferred === true ? { kind: 'code', file, facts, source } : { kind: 'code', file, facts };
    }
    const result = analyzeIac(file.path, source, file.root);
    if (result.parseError !== undefined) return parseError(file, `does not parse: ${result.parseError}`);
    return {
      kind: 'iac',
      file,
      result,
      ignores: result.candidates.length > 0 ? ignoreDirectives(source) : [],
    };
  } catch (error: unknown) {
    // A rule bug must not stop the scan; say which file tripped it (judgeGuard.ts for the project passes).
    return { kind: 'problem', file, problem: 'analysis-error', message: analysisFailure(error) };
  }
}
