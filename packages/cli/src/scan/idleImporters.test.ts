// An importer that binds names from a module and never uses one is no evidence the module runs: the
// dead-module check on a small Serverless service, with its retired module imported in each way there is.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const service = join(import.meta.dirname, '../../fixtures/corpus/clients-dead-reached/sls');
const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The rules reported in src/retiredSync.ts once the service's api.ts reads `api`. */
async function retiredRules(api: string, apiFile = 'src/api.ts', tsconfig?: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-idle-'));
  roots.push(root);
  cpSync(service, root, { recursive: true });
  rmSync(join(root, 'src/api.ts'));
  writeFileSync(join(root, apiFile), api);
  if (tsconfig !== undefined) writeFileSync(join(root, 'tsconfig.json'), tsconfig);
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'src/retiredSync.ts')
    .map((f) => f.rule)
    .sort();
}

const HANDLER =
  "import { ledgerName } from './names.js';\nexport const handler = async () => ({ body: ledgerName() });\n";
const BOTH = ['http-no-timeout', 'sdk-client-no-timeout'];

describe('idleImports', () => {
  it.each([
    ['bound and never used', "import { syncLedger } from './retiredSync.js';\n", []],
    ['bound under an alias and never used', "import { syncLedger as sync } from './retiredSync.js';\n", []],
    [
      'called',
      "import { syncLedger } from './retiredSync.js';\nexport const run = () => syncLedger('1');\n",
      BOTH,
    ],
    [
      'handed on',
      "import { syncLedger } from './retiredSync.js';\nexport const jobs = [syncLedger];\n",
      BOTH,
    ],
    [
      'imported over several lines with a comment, and called',
      "import {\n  // kept for the nightly job\n  syncLedger,\n} from './retiredSync.js';\nexport const run = () => syncLedger('1');\n",
      BOTH,
    ],
    ['imported for its side effects', "import './retiredSync.js';\n", BOTH],
    ['required', "const { syncLedger } = require('./retiredSync.js');\n", BOTH],
    // The require loads the module (its client is built and kept), but nothing names syncLedger: its request is
    // dropped as an export no importer calls (unnamedExports.ts).
    [
      'imported twice, once unused and once required',
      "import { syncLedger } from './retiredSync.js';\nconst legacy = require('./retiredSync.js');\n",
      ['sdk-client-no-timeout'],
    ],
    [
      'imported unused and re-exported whole',
      "import { syncLedger } from './retiredSync.js';\nexport * from './retiredSync.js';\n",
      BOTH,
    ],
  ])('a module %s by its one importer', async (_case, imports, expected) => {
    expect(await retiredRules(imports + HANDLER)).toEqual(expected);
  });

  // Only TypeScript drops an import whose bindings go unused; plain JavaScript, or TypeScript told to keep
  // value imports, loads the module and runs its top level: its client is built (reported), while syncLedger,
  // named by no importer, stays an export nobody calls (unnamedExports.ts).
  it('keeps a module its one unused importer still loads: a .js importer, or verbatimModuleSyntax', async () => {
    const unused = "import { syncLedger } from './retiredSync.js';\n";
    expect(await retiredRules(unused + HANDLER, 'src/api.js')).toEqual(['sdk-client-no-timeout']);
    const verbatim = '{ "compilerOptions": { "verbatimModuleSyntax": true } }';
    expect(await retiredRules(unused + HANDLER, 'src/api.ts', verbatim)).toEqual(['sdk-client-no-timeout']);
    expect(await retiredRules(unused + HANDLER, 'src/api.ts', '{ "compilerOptions": {} }')).toEqual([]);
  });
});
