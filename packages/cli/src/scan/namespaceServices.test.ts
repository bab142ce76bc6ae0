// SST v2's service layout: each core module names itself as a namespace (`export * as IoTData from
// './iot_data'`), handlers import it through a tsconfig path alias, and call `IoTData.publish(x)`. An
// async member left unawaited floats as a named import's would; a synchronous member, a settled one and
// a namespace of constants stay silent.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from './scan.js';

const roots: string[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const IOT = `export * as IoTData from './iot_data';
import { IoTDataPlaneClient, PublishCommand } from '@aws-sdk/client-iot-data-plane';
const client = new IoTDataPlaneClient({});
const seen: string[] = [];
export const publish = async (topic: string) => {
  await client.send(new PublishCommand({ topic }));
};
export function topicFor(id: string) { return 'bots/' + id; }
export async function note(topic: string) { seen.push(topic); }
export async function publishQuietly(topic: string) {
  try {
    await client.send(new PublishCommand({ topic }));
  } catch (err) {
    console.error('publish failed', err);
  }
}
`;
const TOPICS = `export * as Topics from './topics';
export const ALERTS = 'alerts';
export const format = (id: string) => 'bots/' + id;
`;
const FILES = {
  'package.json': '{ "name": "fleet", "private": true, "workspaces": ["packages/*"] }',
  'tsconfig.base.json':
    '{ "compilerOptions": { "baseUrl": ".", "paths": { "@fleet/core/*": ["packages/core/src/*"], "services/*": ["packages/core/src/services/*"] } } }',
  'packages/functions/tsconfig.json': '{ "extends": "../../tsconfig.base.json" }',
  'packages/functions/package.json': '{ "name": "@fleet/functions", "private": true }',
  'packages/core/package.json': '{ "name": "@fleet/core", "private": true }',
  'packages/core/src/services/aws/iot_data.ts': IOT,
  'packages/core/src/services/topics.ts': TOPICS,
  'packages/core/src/services/index.ts':
    "export * as IoTData from './aws/iot_data';\nexport * as Topics from './topics';\n",
  'packages/core/src/index.ts': "export * as Services from './services/index';\n",
};

/** The lines `rule` reports in the handler `body` (below its imports), in a project with the core above. */
async function ruleLines(rule: string, imports: string, body: string): Promise<number[]> {
  const root = mkdtempSync(join(tmpdir(), 'bulwark-namespaces-'));
  roots.push(root);
  const handler = `${imports}\nexport const handler = async (event: { id: string }) => {\n${body}\n  return {};\n};\n`;
  for (const [path, text] of Object.entries({ ...FILES, 'packages/functions/src/handler.ts': handler })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const result = await scan({ root, workers: 0 });
  return result.findings
    .filter((f) => f.file === 'packages/functions/src/handler.ts' && f.rule === rule)
    .map((f) => f.line);
}

describe('calls through namespace objects', () => {
  it.each([
    [
      'the module named as itself, through a path alias',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace import',
      "import * as IoTData from '@fleet/core/services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace import through a bare path alias',
      "import * as IoTData from 'services/aws/iot_data';",
      'IoTData.publish(event.id);',
    ],
    [
      'a namespace a barrel passes on',
      "import * as core from '@fleet/core/services/index';",
      'core.IoTData.publish(event.id);',
    ],
    [
      'nested namespaces',
      "import { Services } from '@fleet/core/index';",
      'Services.IoTData.publish(event.id);',
    ],
  ])('reports an async member left unawaited: %s', async (_, imports, body) => {
    // Prepare / Act
    const lines = await ruleLines('floating-promise', imports, `  ${body}`);

    // Assess
    expect(lines).toEqual([3]);
  });

  it.each([
    [
      'a synchronous member',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.topicFor(event.id);',
    ],
    [
      'an async member that awaits nothing',
      "import { IoTData } from '@fleet/core/services/aws/iot_data';",
      'IoTData.note(event.id);',
    ],
    [
      'a namespace of constants and formatting',
      "import { Services } from '@fleet/core/index';",
      'Services.Topics.format(Services.Topics.ALERTS);',
    ],
    [
      'an awaited member',
      "import * as core from '@fleet/core/services/index';",
      'await core.IoTData.publish(event.id);',
    ],
  ])('stays silent on %s', async (_, imports, body) => {
    expect(await ruleLines('floating-promise', imports, `  ${body}`)).toEqual([]);
  });
});

describe('a catch around a namespace member', () => {
  const tryAround = (call: string) =>
    `  try {\n    await ${call};\n  } catch (err) {\n    console.error('failed', err);\n  }`;

  it.each([
    ['a named namespace', "import { IoTData } from '@fleet/core/services/aws/iot_data';", 'IoTData'],
    ['nested namespaces', "import { Services } from '@fleet/core/index';", 'Services.IoTData'],
  ])('is excused when the member ends its own failures: %s', async (_, imports, space) => {
    expect(
      await ruleLines('swallowed-error', imports, tryAround(`${space}.publishQuietly(event.id)`)),
    ).toEqual([]);
  });

  it('is judged when the member lets its failure out', async () => {
    const imports = "import { IoTData } from '@fleet/core/services/aws/iot_data';";
    expect(await ruleLines('swallowed-error', imports, tryAround('IoTData.publish(event.id)'))).toEqual([5]);
  });
});
