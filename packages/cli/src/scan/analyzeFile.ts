// Reads one file and runs the pass for its kind. Shared by the in-process path and the worker threads.
import { readFileSync } from 'node:fs';
import type { DiscoveredFile } from './discover.js';
import { looksBinary } from './discover.js';
import { analyzeIac } from './iac/analyzeIac.js';
import type { IacResult } from './iac/IacResult.js';
import { ignoreDirectives } from './ignoreDirectives.js';
import { analyzeModule } from './js/analyzeModule.js';
import type { ModuleFacts } from './js/Candidate.js';

export type FileOutcome =
  | { readonly kind: 'code'; readonly file: DiscoveredFile; readonly facts: ModuleFacts }
  | {
      readonly kind: 'iac';
      readonly file: DiscoveredFile;
      readonly result: IacResult;
      readonly ignores: ModuleFacts['ignores'];
    }
  | {
      readonly kind: 'problem';
      readonly file: DiscoveredFile;
      readonly problem: 'binary' | 'unreadable' | 'parse-error';
      readonly message: string;
    };

export function analyzeFile(file: DiscoveredFile): FileOutcome {
  let buffer: Buffer;
  try {
    buffer = readFileSync(file.path);
  } catch (error: unknown) {
    return { kind: 'problem', file, problem: 'unreadable', message: (error as Error).message };
  }
  if (looksBinary(buffer))
    return { kind: 'problem', file, problem: 'binary', message: 'skipped: binary content (NUL bytes)' };
  const source = buffer.toString('utf8');
  try {
    if (file.kind === 'code') {
      const facts = analyzeModule(file.path, source);
      if (facts.parseError !== undefined)
        return {
          kind: 'problem',
          file,
          problem: 'parse-error',
          message: `does not parse: ${facts.parseError}`,
        };
      return { kind: 'code', file, facts };
    }
    const result = analyzeIac(file.path, source);
    if (result.parseError !== undefined)
      return {
        kind: 'problem',
        file,
        problem: 'parse-error',
        message: `does not parse: ${result.parseError}`,
      };
    return {
      kind: 'iac',
      file,
      result,
      ignores: result.candidates.length > 0 ? ignoreDirectives(source) : [],
    };
  } catch (error: unknown) {
    // A rule bug must not stop the scan; say which file tripped it.
    return {
      kind: 'problem',
      file,
      problem: 'parse-error',
      message: `analysis failed: ${(error as Error).message}`,
    };
  }
}
