// Which abort timers deadAbortTimers reports: only the timers/promises setTimeout handed a function that aborts.
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
        "import { setTimeout as wait } from 'timers/promises';\nconst c = new AbortController();\nwait(5000, function () { c.abort(); });",
      ),
    ).toEqual([3]);
    expect(
      reported(
        "import * as timers from 'timers/promises';\nconst c = new AbortController();\ntimers.setTimeout(5000, () => c.abort());",
      ),
    ).toEqual([3]);
    expect(
      reported(
        "const { setTimeout } = require('timers/promises');\nconst c = new AbortController();\nconst stop = () => c.abort();\nsetTimeout(5000, stop);",
      ),
    ).toEqual([4]);
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
      reported(
        "import { setTimeout } from 'timers/promises';\nconst abort = () => 1;\nsetTimeout(1000, () => log('abort'));",
      ),
    ).toEqual([]);
  });
});
