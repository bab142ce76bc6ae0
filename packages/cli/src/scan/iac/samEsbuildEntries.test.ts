import { describe, expect, it } from 'vitest';
import type { Json } from './IacResult.js';
import { writeEsbuildSourceHandlers } from './samEsbuildEntries.js';

/** A template with one function, `Handler` and its esbuild entry points (none: no Metadata). */
function template(handler: string, entries?: string[], buildMethod = 'esbuild'): Record<string, Json> {
  return {
    Resources: {
      F: {
        Type: 'AWS::Serverless::Function',
        Properties: { CodeUri: './', Handler: handler },
        ...(entries
          ? { Metadata: { BuildMethod: buildMethod, BuildProperties: { EntryPoints: entries } } }
          : {}),
      },
    },
  };
}

const handlerOf = (t: Record<string, Json>) =>
  ((t.Resources as Record<string, Json>).F as { Properties: { Handler: string } }).Properties.Handler;

describe('writeEsbuildSourceHandlers', () => {
  it.each([
    ['one entry in a subfolder', 'payout.run', ['cron-jobs/payout.ts'], 'cron-jobs/payout.run'],
    ['entries below their common folder', 'a/x.handler', ['./src/a/x.ts', './src/b/y.ts'], 'src/a/x.handler'],
    ['a handler that already names the entry', 'app.lambdaHandler', ['app.ts'], 'app.lambdaHandler'],
    ['a handler no entry builds', 'other.handler', ['cron-jobs/payout.ts'], 'other.handler'],
    ['no esbuild metadata', 'payout.run', undefined, 'payout.run'],
  ])('%s', (_what, handler, entries, expected) => {
    // Prepare
    const t = template(handler, entries);

    // Act
    writeEsbuildSourceHandlers(t);

    // Assess
    expect(handlerOf(t)).toBe(expected);
  });

  it('leaves a function another builder builds', () => {
    // Prepare
    const t = template('payout.run', ['cron-jobs/payout.ts'], 'makefile');

    // Act
    writeEsbuildSourceHandlers(t);

    // Assess
    expect(handlerOf(t)).toBe('payout.run');
  });
});
