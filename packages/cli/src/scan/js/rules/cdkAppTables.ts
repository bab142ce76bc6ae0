// Do all the DynamoDB tables of a CDK app bill on demand? A stack often gets its table handed in by props
// (`props.table.grantReadWriteData(worker)`) from a data stack built in another module, so the module that
// wires a queue consumer cannot see the table's billing mode (iac-no-reserved-concurrency asks whether what
// a backlog reaches absorbs any rate: cdkFloodTargets.ts). When every table the app builds is on demand and
// the app imports none by name or ARN, a table handed in is one of them. Read once per app: the folder of
// the nearest `cdk.json` (no `cdk.json`, no answer), its TypeScript and JavaScript modules outside
// node_modules, dot folders and build output (`cdk.out`), tests aside.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { callArguments } from '../../callerTimeoutArgs.js';
import { type FileWalk, filesUnder } from '../../filesUnder.js';
import { readSource } from '../../readSource.js';
import { appRoot } from './cdkHandlers.js';

const MAX_FILES = 2000;
/** A table construct: `new Table(`, `new dynamodb.Table(`, `TableV2`, the L1 `CfnTable`. */
const TABLE = /\bnew\s+(?:[\w$]+\.)*(Table|TableV2|CfnTable)\s*\(/g;
/** A table imported from outside the app: its billing mode is not in the code. */
const IMPORTED = /\b(?:Table|TableV2)\s*\.\s*fromTable\w*\s*\(/;

const MODULES: FileWalk = {
  enter: (name) => name !== 'node_modules' && !name.startsWith('.') && name !== 'cdk.out',
  take: (e) => /\.[cm]?[jt]s$/.test(e.name) && !/\.(?:test|spec|d)\.[cm]?[jt]s$/.test(e.name),
};

/**
 * Is the table built with these arguments on demand? `Table` and `CfnTable` only with PAY_PER_REQUEST
 * written (their default is provisioned); `TableV2` unless it is given a provisioned `billing`.
 */
function onDemand(kind: string, args: string): boolean {
  if (kind === 'TableV2') return !/\bprovisioned\s*\(/.test(args);
  return /\bbillingMode\s*:\s*(?:[\w$]+\.)*['"`]?PAY_PER_REQUEST\b/.test(args);
}

/** The module's answer: undefined when it builds no table, false when one is provisioned or imported. */
function moduleTables(text: string): boolean | undefined {
  if (!/Table/.test(text)) return undefined;
  if (IMPORTED.test(text)) return false;
  let seen = false;
  for (const m of text.matchAll(TABLE)) {
    const args = callArguments(text, (m.index ?? 0) + m[0].length - 1);
    if (args === undefined || !onDemand(m[1] ?? '', args.join(','))) return false;
    seen = true;
  }
  return seen ? true : undefined;
}

const apps = new Map<string, boolean>();

/**
 * Does the CDK app holding `file` build at least one DynamoDB table, every one on demand, and import none?
 * @example
 * appTablesOnDemand('/app/lib/delivery-stack.ts') // true when lib/data-stack.ts builds its only Table with BillingMode.PAY_PER_REQUEST
 */
export function appTablesOnDemand(file: string, scanRoot?: string): boolean {
  const root = appRoot(file, scanRoot);
  if (!existsSync(join(root, 'cdk.json'))) return false;
  const known = apps.get(root);
  if (known !== undefined) return known;
  let answer: boolean | undefined;
  let files = 0;
  for (const f of filesUnder(root, MODULES)) {
    if (++files > MAX_FILES) {
      answer = false;
      break;
    }
    const text = readSource(f);
    const tables = text === undefined ? undefined : moduleTables(text);
    if (tables === false) {
      answer = false;
      break;
    }
    if (tables === true) answer = true;
  }
  apps.set(root, answer === true);
  return answer === true;
}
