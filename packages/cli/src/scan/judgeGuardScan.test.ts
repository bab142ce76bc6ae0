// scan() end to end: a throw while one file is judged across modules (here, the HTTP-client pass) costs that
// file, listed as an analysis-error problem, and every other file is still judged and reported.
import { describe, expect, it, vi } from 'vitest';
import { scan } from './scan.js';
import { tempTrees } from './testing/tempTrees.js';

vi.mock('./httpClientCallers.js', async (original) => {
  const real = await original<typeof import('./httpClientCallers.js')>();
  return {
    ...real,
    httpClientCallers: (...args: Parameters<typeof real.httpClientCallers>) => {
      if (args[1].endsWith('broken.ts')) throw new TypeError('calls is not iterable');
      return real.httpClientCallers(...args);
    },
  };
});

const tree = tempTrees('bulwark-judge-guard-');

const HANDLER = `import axios from 'axios';
export const handler = async (event: { url: string }) => {
  const res = await axios.get(event.url);
  return { statusCode: 200, body: JSON.stringify(res.data) };
};
`;

describe('scan() when judging one file throws', () => {
  it('reports the file as an analysis-error problem and keeps the other files', async () => {
    const root = tree({
      'package.json': '{ "name": "app", "dependencies": { "axios": "1.7.0" } }\n',
      'src/broken.ts': HANDLER,
      'src/fine.ts': HANDLER,
    });

    const result = await scan({ root, workers: 0 });

    expect(result.findings.map((f) => f.file)).toContain('src/fine.ts');
    expect(result.findings.map((f) => f.file)).not.toContain('src/broken.ts');
    expect(result.problems).toContainEqual({
      file: 'src/broken.ts',
      kind: 'analysis-error',
      message: 'analysis failed (TypeError: calls is not iterable); no finding of this file is reported',
    });
  });
});
