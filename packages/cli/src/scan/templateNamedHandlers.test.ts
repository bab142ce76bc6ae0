import { describe, expect, it } from 'vitest';
import type { FileOutcome } from './analyzeFile.js';
import type { DiscoveredFile } from './discover.js';
import { samFunctionHandlers } from './iac/functionHandlers.js';
import type { HandlerFact } from './js/Candidate.js';
import { emptyFacts } from './js/ModuleFacts.js';
import { unjoinedHandlers } from './templateNamedHandlers.js';

const code = (path: string, handlers?: Record<string, HandlerFact>): FileOutcome => ({
  kind: 'code',
  file: { path, rel: path.slice(1), kind: 'code' } as DiscoveredFile,
  facts: { ...emptyFacts(path, undefined), ...(handlers !== undefined ? { handlers } : {}) },
});

describe('samFunctionHandlers', () => {
  it('keeps a handler under its code folder and as written, for a folder a bundler writes', () => {
    const template = {
      Resources: {
        Join: {
          Type: 'AWS::Serverless::Function',
          Properties: { CodeUri: './dist/join/join-team', Handler: 'join/join-team.default' },
        },
        Inline: {
          Type: 'AWS::Lambda::Function',
          Properties: { Handler: 'index.handler', Code: { ZipFile: 'exports.handler = async () => 1' } },
        },
      },
    };
    expect(samFunctionHandlers(template)).toEqual({
      inFolder: ['dist/join/join-team/join/join-team.default'],
      written: ['join/join-team.default'],
    });
  });
});

describe('unjoinedHandlers', () => {
  const outcomes = [
    code('/r/src/join/join-team.ts'),
    code('/r/src/events/translate-event.ts'),
    code('/r/src/jobs/sweep.ts', { run: { work: true, recordWork: false } }),
    code('/r/a/index.ts'),
    code('/r/b/index.ts'),
  ];

  it('names the export of the one module a handler string joins to', () => {
    const out = unjoinedHandlers(['join/join-team.default'], outcomes);
    expect([...out]).toEqual([['/r/src/join/join-team.ts', new Set(['default'])]]);
  });

  it('leaves out an export analysis already took for a handler, and a string several modules answer to', () => {
    expect(unjoinedHandlers(['jobs/sweep.run', 'index.handler'], outcomes).size).toBe(0);
  });
});
