// subclassImporters: the modules importing a base class's subclasses call its inherited methods.
import { describe, expect, it } from 'vitest';
import { subclassImporters } from './subclassCallers.js';

const texts: Record<string, string> = {
  '/app/repos/orders.ts': "import { Base } from './base';\nexport class OrdersRepo extends Base<Order> {}",
  '/app/repos/users.ts': "import { Base } from './base';\nexport class UsersRepo extends Base {}",
  '/app/repos/other.ts':
    "import { Base } from './base';\nexport class Other extends BaseLike {}\nconst b: Base = x;",
};
const importers: Record<string, string[]> = {
  '/app/repos/orders.ts': ['/app/api/getOrder.ts'],
  '/app/repos/users.ts': ['/app/api/getUser.ts', '/app/jobs/sync.ts'],
  '/app/repos/other.ts': ['/app/api/other.ts'],
};
const graph = { importersOf: (f: string) => new Set(importers[f] ?? []) };

describe('subclassImporters', () => {
  it('names the subclasses and adds their importers', () => {
    const found = new Set(Object.keys(texts));
    const names = subclassImporters(graph, (f) => texts[f], found, 'Base');
    expect(names.sort()).toEqual(['OrdersRepo', 'UsersRepo']);
    expect([...found]).toEqual(
      expect.arrayContaining(['/app/api/getOrder.ts', '/app/api/getUser.ts', '/app/jobs/sync.ts']),
    );
    expect(found.has('/app/api/other.ts')).toBe(false);
  });

  it('adds nothing when no importer extends the class', () => {
    const found = new Set(['/app/repos/other.ts']);
    expect(subclassImporters(graph, (f) => texts[f], found, 'Base')).toEqual([]);
    expect(found.size).toBe(1);
  });
});
