// Which abort timers deadAbortTimers reports: only the timers/promises setTimeout handed a function that aborts
// a controller whose signal is the only bound of a fetch/axios request in the same function.
import { describe, expect, it } from 'vitest';
import { contextOf } from '../testing/parsed.js';
import { deadAbortTimers } from './deadAbortTimers.js';

/** The lines deadAbortTimers reports in `source`. */
function reported(source: string): number[] {
  const ctx = contextOf(source);
  const lines: number[] = [];
  deadAbortTimers(ctx, (_rule, node) => {
    lines.push(source.slice(0, node.start).split('\n').length);
  });
  return lines;
}

const BODY =
  'const c = new AbortController();\nsetTimeout(30000, () => c.abort());\nawait fetch(u, { signal: c.signal });';

describe('deadAbortTimers', () => {
  it('reports the promise setTimeout handed an aborting callback', () => {
    expect(reported(`import { setTimeout } from 'timers/promises';\n${BODY}`)).toEqual([3]);
    expect(reported(`import { setTimeout } from 'node:timers/promises';\n${BODY}`)).toEqual([3]);
  });

  it('reports it renamed, through a namespace, required, or with a named callback', () => {
    expect(
      reported(
        "import { setTimeout as wait } from 'timers/promises';\nconst c = new AbortController();\nwait(5000, function () { c.abort(); });\nfetch(u, { signal: c.signal });",
      ),
    ).toEqual([3]);
    expect(
      reported(
        "import * as timers from 'timers/promises';\nconst c = new AbortController();\ntimers.setTimeout(5000, () => c.abort());\nfetch(u, { signal: c.signal });",
      ),
    ).toEqual([3]);
    expect(
      reported(
        "const { setTimeout } = require('timers/promises');\nconst c = new AbortController();\nconst stop = () => c.abort();\nsetTimeout(5000, stop);\nfetch(u, { signal: c.signal });",
      ),
    ).toEqual([4]);
    expect(
      reported(
        "const c = new AbortController();\nrequire('timers/promises').setTimeout(5000, () => c.abort());\nfetch(u, { signal: c.signal });",
      ),
    ).toEqual([2]);
  });

  it('stays silent on the global or timers setTimeout, which calls its callback', () => {
    expect(reported('const c = new AbortController();\nsetTimeout(() => c.abort(), 30000);')).toEqual([]);
    expect(
      reported(
        "import { setTimeout } from 'timers';\nconst c = new AbortController();\nsetTimeout(() => c.abort(), 30000);",
      ),
    ).toEqual([]);
  });

  it('stays silent on a promise setTimeout used as a sleep, or handed a value or a callback that does not abort', () => {
    expect(reported("import { setTimeout } from 'timers/promises';\nawait setTimeout(1000);")).toEqual([]);
    expect(
      reported("import { setTimeout } from 'timers/promises';\nawait setTimeout(1000, 'done');"),
    ).toEqual([]);
    expect(
      reported("import { setTimeout } from 'timers/promises';\nsetTimeout(1000, () => log('abort'));"),
    ).toEqual([]);
  });

  it('stays silent where the signal is not the only bound of a request, or the abort does fire', () => {
    const timer =
      "import { setTimeout } from 'timers/promises';\nimport axios from 'axios';\nimport { spawn } from 'child_process';\nconst c = new AbortController();\nsetTimeout(20000, () => c.abort());\n";
    expect(reported(`${timer}spawn('ffmpeg', args, { signal: c.signal });`)).toEqual([]);
    expect(
      reported(`${timer}fetch(u, { signal: AbortSignal.any([c.signal, AbortSignal.timeout(3000)]) });`),
    ).toEqual([]);
    expect(reported(`${timer}axios.get(u, { timeout: 3000, signal: c.signal });`)).toEqual([]);
    expect(reported(`${timer}provider.execute(req, c.signal);`)).toEqual([]);
    expect(reported(`${timer}fetch(u, { signal: other.signal });`)).toEqual([]);
    expect(
      reported(
        "import { setTimeout } from 'timers/promises';\nconst c = new AbortController();\nsetTimeout(5000, () => c.abort()).then((abort) => abort());\nfetch(u, { signal: c.signal });",
      ),
    ).toEqual([]);
    expect(reported(`${timer}axios.get(u, { signal: c.signal });`)).toEqual([5]);
  });
});
