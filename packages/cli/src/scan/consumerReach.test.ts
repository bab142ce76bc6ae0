// Whether a consumer found above a shared helper reaches it through its own exports (exportsMayReach).
import { describe, expect, it } from 'vitest';
import { exportsMayReach, type ProjectGraph } from './consumerReach.js';
import type { ModuleFacts } from './js/Candidate.js';

/** Facts of a module whose exports call the given `source#name` imports. */
function facts(file: string, calls: Record<string, [string, string][]>, handlers = false): ModuleFacts {
  const exportCalls = Object.fromEntries(
    Object.entries(calls).map(([name, refs]) => [
      name,
      refs.map(([source, n]) => ({ from: file, source, name: n })),
    ]),
  );
  return {
    file,
    candidates: [],
    exports: {},
    reExports: [],
    ignores: [],
    globalTimeouts: [],
    ...(Object.keys(exportCalls).some((k) => (exportCalls[k]?.length ?? 0) > 0) ? { exportCalls } : {}),
    ...(handlers
      ? {
          handlers: Object.fromEntries(Object.keys(calls).map((n) => [n, { work: true, recordWork: false }])),
        }
      : {}),
  } as ModuleFacts;
}

// handlers/queue.ts -> lib/manager.ts settleFromQueue -> lib/db.ts billOrder; checkout -> insertOrder.
const manager = facts('/app/lib/manager.ts', {
  settleFromQueue: [['./db', 'billOrder']],
  checkout: [['./db', 'insertOrder']],
});
const db = {
  ...facts('/app/lib/db.ts', {}),
  exports: { billOrder: {}, insertOrder: {} },
} as unknown as ModuleFacts;
const project: ProjectGraph = {
  factsOf: (file) => (file === manager.file ? manager : file === db.file ? db : undefined),
  resolveModule: (_from, source) =>
    source === '../lib/manager' ? manager.file : source === './db' ? '/app/lib/db.ts' : undefined,
};

describe('exportsMayReach', () => {
  const queue = facts('/app/handlers/queue.ts', { handler: [['../lib/manager', 'settleFromQueue']] }, true);

  it('reaches the helper its export calls through the manager module', () => {
    expect(exportsMayReach(project, queue, '/app/lib/db.ts', { names: ['billOrder'] })).toBe(true);
  });

  it('does not reach the HTTP route helper the same manager module exports', () => {
    expect(exportsMayReach(project, queue, '/app/lib/db.ts', { names: ['insertOrder'] })).toBe(false);
  });

  it('may reach a method: the graph names the class, not the method', () => {
    expect(exportsMayReach(project, queue, '/app/lib/db.ts', { names: ['insertOrder'], owner: 'Db' })).toBe(
      true,
    );
  });

  it('may reach a name the module does not export (a CommonJS class method)', () => {
    expect(exportsMayReach(project, queue, '/app/lib/db.ts', { names: ['insert'] })).toBe(true);
  });

  it('may reach a helper when the graph shows no way into its module (an edge it does not follow)', () => {
    const routed = facts('/app/handlers/routed.ts', { handler: [['../lib/other', 'route']] }, true);
    expect(exportsMayReach(project, routed, '/app/lib/db.ts', { names: ['insertOrder'] })).toBe(true);
  });

  it('may reach anything when its exports have no known calls (a wrapper-built handler)', () => {
    const wrapped = facts('/app/handlers/wrapped.ts', { handler: [] }, true);
    expect(exportsMayReach(project, wrapped, '/app/lib/db.ts', { names: ['insertOrder'] })).toBe(true);
  });
});
