import { describe, expect, it } from 'vitest';
import { fixedOff } from './fixedOff.js';
import { contextOf } from './testing/parsed.js';

/** fixedOff of the module's first catch clause. */
function catchOff(source: string): boolean {
  const ctx = contextOf(source);
  return fixedOff(ctx, ctx.of('CatchClause')[0] as Parameters<typeof fixedOff>[1]);
}

const TRY = 'try { await cache.get(k); } catch (e) {}';

describe('fixedOff', () => {
  it('reads a literal joined by && or || and a literal under a type wrapper as the test', () => {
    // Prepare
    const off = [
      `export async function get(k, a) { if (false && a.ok) { ${TRY} } }`,
      `export async function get(k, a) { if (a.ok && 0) { ${TRY} } }`,
      `export async function get(k, a) { if (true || a.ok) {} else { ${TRY} } }`,
      `export async function get(k) { if (false as boolean) { ${TRY} } }`,
    ];
    const on = [
      `export async function get(k, a) { if (true && a.ok) { ${TRY} } }`,
      `export async function get(k, a) { if (false || a.ok) { ${TRY} } }`,
      `export async function get(k, a) { if (a ?? false) { ${TRY} } }`,
    ];

    // Act
    const found = [...off, ...on].map(catchOff);

    // Assess
    expect(found).toEqual([true, true, true, true, false, false, false]);
  });

  it('is true in a branch a module-level const fixed to a falsy literal guards', () => {
    for (const init of ['false', '0', "''", 'null', 'undefined'])
      expect(
        catchOff(`const USE_CACHE = ${init};\nexport async function get(k) { if (USE_CACHE) { ${TRY} } }`),
      ).toBe(true);
    expect(
      catchOff(
        `const USE_CACHE = false;\nexport const get = async (k) => USE_CACHE && (async () => { ${TRY} })();`,
      ),
    ).toBe(true);
    expect(
      catchOff(
        `const USE_CACHE = false;\nexport async function get(k) { if (!USE_CACHE) {} else { ${TRY} } }`,
      ),
    ).toBe(true);
  });

  it('is false on the branch the switch does take, and for switches that may change', () => {
    expect(
      catchOff(`const USE_CACHE = false;\nexport async function get(k) { if (!USE_CACHE) { ${TRY} } }`),
    ).toBe(false);
    expect(
      catchOff(
        `const USE_CACHE = false;\nexport async function get(k) { if (USE_CACHE) {} else { ${TRY} } }`,
      ),
    ).toBe(false);
    expect(
      catchOff(`const USE_CACHE = true;\nexport async function get(k) { if (USE_CACHE) { ${TRY} } }`),
    ).toBe(false);
    expect(
      catchOff(`let USE_CACHE = false;\nexport async function get(k) { if (USE_CACHE) { ${TRY} } }`),
    ).toBe(false);
    expect(
      catchOff(
        `const USE_CACHE = process.env.USE_CACHE === 'true';\nexport async function get(k) { if (USE_CACHE) { ${TRY} } }`,
      ),
    ).toBe(false);
    // A parameter of the same name is another variable.
    expect(catchOff(`const on = false;\nexport async function get(k, on) { if (on) { ${TRY} } }`)).toBe(
      false,
    );
  });

  it('is true after an early exit the switch always takes, and in a helper only such code calls', () => {
    expect(
      catchOff(`const USE_CACHE = false;\nexport async function del(k) { if (!USE_CACHE) return;\n ${TRY} }`),
    ).toBe(true);
    const helper = `const USE_CACHE = false;\nasync function viaCache(k) { ${TRY} }\n`;
    expect(catchOff(`${helper}export async function get(k) { if (USE_CACHE) { await viaCache(k); } }`)).toBe(
      true,
    );
    // Called once outside the switch, or handed on as a value: it may run.
    expect(
      catchOff(
        `${helper}export async function get(k) { if (USE_CACHE) { await viaCache(k); } await viaCache(k); }`,
      ),
    ).toBe(false);
    expect(
      catchOff(
        `${helper}export async function get(k) { if (USE_CACHE) { await viaCache(k); } return [k].map(viaCache); }`,
      ),
    ).toBe(false);
    expect(
      catchOff(
        `const USE_CACHE = false;\nexport async function viaCache(k) { ${TRY} }\nexport async function get(k) { if (USE_CACHE) await viaCache(k); }`,
      ),
    ).toBe(false);
  });

  it('asks the helper the same as onlyLocalCalls: a namespace export may run, a kept method may not', () => {
    // Other modules call `Store.viaRedis(k)`: the export keyword says so, the export map does not.
    expect(
      catchOff(
        `const USE_REDIS = false;\nexport namespace Store {\n  export async function viaRedis(k) { ${TRY} }\n  export async function get(k) { if (USE_REDIS) return viaRedis(k); }\n}`,
      ),
    ).toBe(false);
    expect(
      catchOff(
        `const USE_REDIS = false;\nclass Store {\n  async viaRedis(k) { ${TRY} }\n  async get(k) { if (USE_REDIS) return this.viaRedis(k); }\n}\nconst store = new Store();\nexport const handler = (e) => store.get(e.k);`,
      ),
    ).toBe(true);
  });

  it('is false in a function declared after the early exit: it is hoisted, and the exit may call it', () => {
    expect(
      catchOff(
        `const USE_CACHE = false;\nexport async function get(k) {\n  if (!USE_CACHE) return viaDb(k);\n  async function viaDb(k) { ${TRY} }\n}`,
      ),
    ).toBe(false);
  });

  it('finds the switch however its declaration is written', () => {
    for (const declaration of [
      'const USE_CACHE = false // flip when Redis is provisioned\n',
      'const USE_CACHE = false as const;\n',
      'const USE_CACHE = false, LIMIT = 5;\n',
    ])
      expect(catchOff(`${declaration}export async function get(k) { if (USE_CACHE) { ${TRY} } }`)).toBe(true);
    expect(
      catchOff(`export async function get(k) { if (USE_CACHE) { ${TRY} } }\nconst USE_CACHE = false`),
    ).toBe(true);
  });

  it('reads a literal test as a switch: the branch it never takes, and a helper only that branch calls', () => {
    expect(catchOff(`export async function get(k) { if (true) { return k; } else { ${TRY} } }`)).toBe(true);
    expect(catchOff(`export async function get(k) { if (false) { ${TRY} } }`)).toBe(true);
    expect(catchOff(`export async function get(k) { if (!1) { ${TRY} } }`)).toBe(true);
    expect(catchOff(`export async function get(k) { if (true) return k;\n ${TRY} }`)).toBe(true);
    expect(catchOff(`export const get = async (k) => false && (async () => { ${TRY} })();`)).toBe(true);
    const helper = `async function viaCache(k) { ${TRY} }\n`;
    expect(
      catchOff(
        `${helper}export async function get(k) { if (true) { return k; } else { return viaCache(k); } }`,
      ),
    ).toBe(true);
  });

  it('keeps the branch a literal test does take, and tests that are no literal', () => {
    expect(catchOff(`export async function get(k) { if (true) { ${TRY} } else { return k; } }`)).toBe(false);
    expect(catchOff(`export async function get(k) { if (false) { return k; } else { ${TRY} } }`)).toBe(false);
    expect(catchOff(`export async function get(k) { if (/x/) {} else { ${TRY} } }`)).toBe(false);
    expect(catchOff(`export async function get(k) { if (k === true) { ${TRY} } }`)).toBe(false);
    expect(catchOff(`export async function get(k) { while (true) { ${TRY} } }`)).toBe(false);
    const helper = `async function viaCache(k) { ${TRY} }\n`;
    expect(
      catchOff(
        `${helper}export async function get(k) { if (false) { await viaCache(k); } return viaCache(k); }`,
      ),
    ).toBe(false);
  });
});
