// settlesExecutor: a statement in a Promise executor settles the outer promise only when its failure
// reaches it too.
import { parseSync } from 'oxc-parser';
import { describe, expect, it } from 'vitest';
import type { Node } from '../ast.js';
import { ModuleContext } from '../ModuleContext.js';
import { settlesExecutor } from './executorSettles.js';

function contextOf(source: string): ModuleContext {
  const parsed = parseSync('m.js', source, { experimentalRawTransfer: true } as Parameters<
    typeof parseSync
  >[2]);
  return new ModuleContext('m.js', source, parsed.program as unknown as Node, parsed.comments);
}

/** settlesExecutor of the first statement of the executor in `new Promise(<executor>)`. */
function settles(executor: string): boolean {
  const ctx = contextOf(`const p = new Promise(${executor});`);
  const stmt = ctx.of('ExpressionStatement')[0] as Node;
  return settlesExecutor(ctx, stmt);
}

describe('settlesExecutor', () => {
  it('settles with a chain that handles its rejection', () => {
    expect(settles('(res, rej) => { get(u).then(res).catch(rej); }')).toBe(true);
    expect(settles('(res, rej) => { get(u).then(res, rej); }')).toBe(true);
    expect(settles('(res) => { emitter.on("done", res); }')).toBe(true);
  });

  it('does not settle with a chain that resolves only when it fulfils', () => {
    expect(settles('(res, rej) => { get(u).then((x) => res(x)); }')).toBe(false);
    expect(settles('(res) => { get(u).then(res); }')).toBe(false);
  });

  it('does not settle with a statement that names neither resolve nor reject', () => {
    expect(settles('(res) => { get(u).then(log); }')).toBe(false);
  });
});
