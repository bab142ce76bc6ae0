import { describe, expect, it } from 'vitest';
import { artifactHandlers } from './artifactHandlers.js';

describe('artifactHandlers', () => {
  it('names the module under a folder called like the zip', () => {
    expect(
      artifactHandlers({ handler: 'index.handler', package: { artifact: 'dist/ingest/ingest.zip' } }),
    ).toEqual(['ingest/index.handler']);
  });

  it("reads a build output folder in the handler back to the package's sources", () => {
    expect(
      artifactHandlers({ handler: 'lib/index.main', package: { artifact: 'build/game-over.zip' } }),
    ).toEqual(['game-over/lib/index.main', 'game-over/src/index.main', 'game-over/index.main']);
  });

  it("keeps the package's sources for a handler already read from the zip's entry folder", () => {
    // `dist/index.handler` rewritten by artifactSources.ts to `ingest/dist/index.handler`
    expect(
      artifactHandlers({ handler: 'ingest/dist/index.handler', package: { artifact: 'build/ingest.zip' } }),
    ).toEqual(['ingest/dist/index.handler', 'ingest/src/index.handler', 'ingest/index.handler']);
  });

  it('names nothing without an artifact of its own, or one named by a variable', () => {
    expect(artifactHandlers({ handler: 'index.handler' })).toEqual([]);
    expect(
      artifactHandlers({ handler: 'index.handler', package: { artifact: `\${self:custom.zip}` } }),
    ).toEqual([]);
  });
});
