// A project's logger module holds none of the rules' words (`export const log = (obj) => { console.log(obj) }`):
// it must still offer its exports' facts when an importer's catch asks whether `log` does anything
// (rules/noopCalls.ts doesNothing), or a catch that only logs through it is never judged.
import { describe, expect, it } from 'vitest';
import { analyzeModule } from './analyzeModule.js';

const LOGGER = `export enum LogLevel {
  DEBUG,
  INFO,
}

export const log = (obj: unknown, _level: LogLevel = LogLevel.INFO): void => {
  console.log(obj);
};
`;

describe('a logger module asked for in full', () => {
  it('offers its log function as one that does nothing but log', () => {
    // Act
    const facts = analyzeModule('/app/src/core/utils/logger.ts', LOGGER, true);

    // Assess
    expect(facts.exports.log?.doesNothing).toBe(true);
  });

  it('offers nothing of a module with no code the rules read', () => {
    // Act
    const facts = analyzeModule('/app/src/core/constants.ts', "export const QUEUE = 'indexing';\n", true);

    // Assess
    expect(facts.exports).toEqual({});
  });
});
